package io.flashsale.udfs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SellThroughTest {

  private final SellThrough sellThrough = new SellThrough();

  @Test
  void shouldBeTheShareOfReceivedUnitsSold() {
    assertThat(sellThrough.eval(30L, 120L)).isEqualTo(0.25);
    assertThat(sellThrough.eval(0L, 120L)).isZero();
    assertThat(sellThrough.eval(120L, 120L)).isEqualTo(1.0);
  }

  @Test
  void shouldCapAnOversellAtOneAndIgnoreNegativeSales() {
    assertThat(sellThrough.eval(130L, 120L)).isEqualTo(1.0);
    assertThat(sellThrough.eval(-5L, 120L)).isZero();
  }

  @Test
  void shouldBeNullWithoutInputsOrReceipts() {
    assertThat(sellThrough.eval(null, 120L)).isNull();
    assertThat(sellThrough.eval(30L, null)).isNull();
    assertThat(sellThrough.eval(30L, 0L)).isNull();
    assertThat(sellThrough.eval(30L, -1L)).isNull();
  }
}
