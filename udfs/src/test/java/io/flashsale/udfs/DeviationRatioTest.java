package io.flashsale.udfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DeviationRatioTest {

  private final DeviationRatio deviationRatio = new DeviationRatio();

  @Test
  void shouldBeTheDeviationAsAShareOfWhatWasExpected() {
    assertThat(deviationRatio.eval(30L, 20L)).isEqualTo(0.5);
    assertThat(deviationRatio.eval(10L, 20L)).isEqualTo(-0.5);
    assertThat(deviationRatio.eval(20L, 20L)).isZero();
    assertThat(deviationRatio.eval(0L, 20L)).isEqualTo(-1.0);
    assertThat(deviationRatio.eval(-10L, 20L)).isEqualTo(-1.5);
  }

  @Test
  void shouldTakeDoublesTheSameWay() {
    assertThat(deviationRatio.eval(30.0, 20.0)).isEqualTo(0.5);
    assertThat(deviationRatio.eval(10.0, 20.0)).isEqualTo(-0.5);
    assertThat(deviationRatio.eval(1.5, 0.5)).isEqualTo(2.0);
    assertThat(deviationRatio.eval(0.25, 0.5)).isEqualTo(-0.5);
  }

  @Test
  void shouldBeNullWithoutBothInputs() {
    assertThat(deviationRatio.eval(null, 20L)).isNull();
    assertThat(deviationRatio.eval(30L, null)).isNull();
    assertThat(deviationRatio.eval((Long) null, null)).isNull();
    assertThat(deviationRatio.eval(null, 20.0)).isNull();
    assertThat(deviationRatio.eval(30.0, null)).isNull();
  }

  @Test
  void shouldBeNullWhenNothingOrLessWasExpected() {
    assertThat(deviationRatio.eval(30L, 0L)).isNull();
    assertThat(deviationRatio.eval(30L, -5L)).isNull();
    assertThat(deviationRatio.eval(30.0, 0.0)).isNull();
    assertThat(deviationRatio.eval(30.0, -0.1)).isNull();
  }

  @Test
  void shouldNotOverflowAtTheEndsOfBigint() {
    // As longs, MIN_VALUE - 1 wraps around to MAX_VALUE and would read as a huge excess.
    assertThat(deviationRatio.eval(Long.MIN_VALUE, 1L))
        .isCloseTo((double) Long.MIN_VALUE, within(1e4));
    assertThat(deviationRatio.eval(Long.MAX_VALUE, Long.MAX_VALUE)).isZero();
    assertThat(deviationRatio.eval(0L, Long.MAX_VALUE)).isEqualTo(-1.0);
  }
}
