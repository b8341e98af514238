package io.flashsale.udfs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IsSpikeTest {

  private final IsSpike isSpike = new IsSpike();

  @Test
  void shouldBeASpikeFromFactorTimesTheBaselineOn() {
    assertThat(isSpike.eval(30L, 10L, 3.0)).isTrue();
    assertThat(isSpike.eval(31L, 10L, 3.0)).isTrue();
    assertThat(isSpike.eval(29L, 10L, 3.0)).isFalse();
    assertThat(isSpike.eval(15L, 10L, 1.5)).isTrue();
    assertThat(isSpike.eval(14L, 10L, 1.5)).isFalse();
  }

  @Test
  void shouldMeasureAQuietBaselineAgainstAFloorOfOne() {
    assertThat(isSpike.eval(3L, 0L, 3.0)).isTrue();
    assertThat(isSpike.eval(2L, 0L, 3.0)).isFalse();
    assertThat(isSpike.eval(1L, 0L, 3.0)).isFalse();
    assertThat(isSpike.eval(0.5, 0.1, 3.0)).isFalse();
    assertThat(isSpike.eval(3.0, 0.1, 3.0)).isTrue();
  }

  @Test
  void shouldUseAGivenFloorOnlyWhenTheBaselineIsBelowIt() {
    assertThat(isSpike.eval(14L, 2L, 3.0, 5.0)).isFalse();
    assertThat(isSpike.eval(15L, 2L, 3.0, 5.0)).isTrue();
    assertThat(isSpike.eval(29L, 10L, 3.0, 5.0)).isFalse();
    assertThat(isSpike.eval(30L, 10L, 3.0, 5.0)).isTrue();
    assertThat(isSpike.eval(1L, 0L, 3.0, 0.0)).isTrue();
    assertThat(isSpike.eval(14.9, 2.0, 3.0, 5.0)).isFalse();
    assertThat(isSpike.eval(15.0, 2.0, 3.0, 5.0)).isTrue();
  }

  @Test
  void shouldTakeDoublesTheSameWay() {
    assertThat(isSpike.eval(7.5, 2.5, 3.0)).isTrue();
    assertThat(isSpike.eval(7.4, 2.5, 3.0)).isFalse();
  }

  @Test
  void shouldNeverCallItASpikeWithoutABaseline() {
    assertThat(isSpike.eval(1_000_000L, null, 3.0)).isFalse();
    assertThat(isSpike.eval(1_000_000L, null, 3.0, 5.0)).isFalse();
    assertThat(isSpike.eval(1e6, null, 3.0)).isFalse();
    assertThat(isSpike.eval(1e6, null, 3.0, 5.0)).isFalse();
  }

  @Test
  void shouldBeNullWithoutAValueFactorOrFloor() {
    assertThat(isSpike.eval((Long) null, 10L, 3.0)).isNull();
    assertThat(isSpike.eval((Long) null, null, 3.0)).isNull();
    assertThat(isSpike.eval(30L, 10L, null)).isNull();
    assertThat(isSpike.eval(30L, null, null)).isNull();
    assertThat(isSpike.eval(30L, 10L, 3.0, null)).isNull();
    assertThat(isSpike.eval((Double) null, 10.0, 3.0)).isNull();
    assertThat(isSpike.eval(30.0, 10.0, null)).isNull();
    assertThat(isSpike.eval(30.0, 10.0, 3.0, null)).isNull();
  }

  @Test
  void shouldHandleNegativeAndHugeCounts() {
    assertThat(isSpike.eval(-5L, 0L, 3.0)).isFalse();
    assertThat(isSpike.eval(Long.MAX_VALUE, Long.MAX_VALUE / 4, 3.0)).isTrue();
    assertThat(isSpike.eval(Long.MAX_VALUE / 4, Long.MAX_VALUE, 3.0)).isFalse();
  }
}
