package io.flashsale.udfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MarginTest {

  private final Margin margin = new Margin();

  @Test
  void shouldBeTheShareOfThePriceKeptAfterCost() {
    assertThat(margin.eval(price("12.50"), price("10.00"))).isEqualTo(0.2);
    assertThat(margin.eval(price("80.00"), price("60.00"))).isEqualTo(0.25);
    assertThat(margin.eval(price("10.00"), price("10.00"))).isZero();
    assertThat(margin.eval(price("10.00"), price("0.00"))).isEqualTo(1.0);
  }

  @Test
  void shouldGoNegativeUnclampedWhenSoldBelowCost() {
    assertThat(margin.eval(price("8.00"), price("10.00"))).isEqualTo(-0.25);
    assertThat(margin.eval(price("1.00"), price("10.00"))).isEqualTo(-9.0);
  }

  @Test
  void shouldGoAboveOneForANegativeCost() {
    assertThat(margin.eval(price("10.00"), price("-5.00"))).isEqualTo(1.5);
  }

  @Test
  void shouldBeNullWithoutBothInputsOrAPrice() {
    assertThat(margin.eval(null, price("10.00"))).isNull();
    assertThat(margin.eval(price("12.50"), null)).isNull();
    assertThat(margin.eval(price("0.00"), price("10.00"))).isNull();
    assertThat(margin.eval(price("-12.50"), price("10.00"))).isNull();
  }

  @Test
  void shouldTakeDoublesTheSameWay() {
    assertThat(margin.eval(12.5, 10.0)).isEqualTo(0.2);
    assertThat(margin.eval(8.0, 10.0)).isEqualTo(-0.25);
    assertThat(margin.eval(null, 10.0)).isNull();
    assertThat(margin.eval(12.5, null)).isNull();
    assertThat(margin.eval(0.0, 10.0)).isNull();
    assertThat(margin.eval(-1.0, 10.0)).isNull();
  }

  @Test
  void shouldKeepACentOfMarginOnAHugePrice() {
    assertThat(margin.eval(price("99999999.99"), price("99999999.98")))
        .isPositive()
        .isLessThan(1e-9);
  }

  private static BigDecimal price(String value) {
    return new BigDecimal(value);
  }
}
