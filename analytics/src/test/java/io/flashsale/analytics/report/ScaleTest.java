package io.flashsale.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleTest {

  @Test
  void valueScaleIncludesZeroAndTheMinimumAndEndsOnNiceTicks() {
    LinearScale y = LinearScale.covering(-37, 120, 300, 0, 5);
    assertThat(y.lo()).isLessThanOrEqualTo(-37);
    assertThat(y.hi()).isGreaterThanOrEqualTo(120);
    assertThat(y.ticks()).contains(0.0);
    assertThat(y.ticks()).extracting(y::label).contains("0", "-50", "150");
    assertThat(y.px(y.lo())).isEqualTo(300);
    assertThat(y.px(y.hi())).isEqualTo(0);
  }

  @Test
  void positiveDataStillStartsAtZero() {
    LinearScale y = LinearScale.covering(500, 520, 100, 0, 5);
    assertThat(y.lo()).isZero();
  }

  @Test
  void allZeroDataGetsAUsableRange() {
    LinearScale y = LinearScale.covering(0, 0, 100, 0, 5);
    assertThat(y.hi()).isGreaterThan(y.lo());
    assertThat(y.px(0)).isEqualTo(100);
  }

  @Test
  void fractionalStepsGetDecimalsInTheirLabels() {
    LinearScale y = LinearScale.covering(0, 0.9, 100, 0, 5);
    assertThat(y.ticks()).extracting(y::label).contains("0", "0.2", "0.4");
    assertThat(LinearScale.niceStep(0.7)).isCloseTo(1.0, within(1e-12));
    assertThat(LinearScale.niceStep(17)).isCloseTo(20.0, within(1e-12));
    assertThat(LinearScale.niceStep(3)).isCloseTo(5.0, within(1e-12));
  }

  @Test
  void labelsAreGroupedAndLocaleIndependent() {
    assertThat(Num.tick(12000, 1000)).isEqualTo("12,000");
    assertThat(Num.tick(-0.0000001, 0.5)).isEqualTo("0");
    assertThat(Num.coord(12.345)).isEqualTo("12.3");
    assertThat(Num.coord(-0.04)).isEqualTo("0");
    assertThat(Num.coord(-0.5)).isEqualTo("-0.5");
    assertThat(Num.value(2.5)).isEqualTo("2.5");
    assertThat(Num.value(3.0)).isEqualTo("3");
  }

  @Test
  void anHourIsLabelledEveryTenMinutesInUtc() {
    Instant start = Instant.parse("2025-11-28T10:00:00Z");
    TimeScale x = TimeScale.covering(start, start.plusSeconds(3600), 78, 1072);
    assertThat(x.ticks())
        .extracting(t -> x.label(t).get(0))
        .containsExactly("10:00", "10:10", "10:20", "10:30", "10:40", "10:50", "11:00");
    assertThat(x.spansDays()).isFalse();
    assertThat(x.caption()).isEqualTo("time (UTC, 2025-11-28)");
    assertThat(x.px(start)).isEqualTo(78);
    assertThat(x.px(start.plusSeconds(3600))).isEqualTo(1072);
  }

  @Test
  void aRangeAcrossMidnightLabelsTheDate() {
    TimeScale x =
        TimeScale.covering(
            Instant.parse("2025-11-28T22:00:00Z"), Instant.parse("2025-11-29T02:00:00Z"), 0, 1000);
    assertThat(x.spansDays()).isTrue();
    assertThat(x.ticks()).extracting(x::label).contains(List.of("00:00", "2025-11-29"));
  }

  @Test
  void oneInstantGetsARangeAroundIt() {
    Instant t = Instant.parse("2025-11-28T10:00:00Z");
    TimeScale x = TimeScale.covering(t, t, 0, 1000);
    assertThat(x.px(t)).isEqualTo(500);
    assertThat(x.ticks()).isNotEmpty();
  }
}
