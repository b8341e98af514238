package io.flashsale.inventory.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DemandEstimateTest {

  @Test
  void shouldSettleOnASteadyRateWithoutVolatility() {
    DemandEstimate demand = new DemandEstimate();
    for (int i = 0; i < 50; i++) {
      demand.observe(12);
    }
    assertThat(demand.nextPerHour()).isCloseTo(12, within(0.01));
    assertThat(demand.meanPerHour(288)).isCloseTo(12, within(0.01));
    assertThat(demand.volatility()).isCloseTo(0, within(0.01));
  }

  @Test
  void shouldFollowARampButNotExtrapolateItAcrossTheHorizon() {
    DemandEstimate demand = new DemandEstimate();
    for (int i = 0; i < 30; i++) {
      demand.observe(10 + 5 * i);
    }
    assertThat(demand.nextPerHour()).isGreaterThan(140);
    // Plain Holt would add the slope for all 288 periods of a day; damping adds at most ~9.
    assertThat(demand.meanPerHour(288)).isLessThan(demand.level + 10 * demand.trend);
  }

  @Test
  void shouldSeeErraticDemandAsVolatile() {
    DemandEstimate demand = new DemandEstimate();
    for (int i = 0; i < 40; i++) {
      demand.observe(i % 2 == 0 ? 0 : 40);
    }
    assertThat(demand.volatility()).isGreaterThan(0.5);
  }

  @Test
  void shouldNeverExpectNegativeDemandWhenSalesStopAfterARamp() {
    DemandEstimate demand = new DemandEstimate();
    for (int i = 0; i < 10; i++) {
      demand.observe(100 - 10 * i);
    }
    for (int i = 0; i < 50; i++) {
      demand.observe(0);
      assertThat(demand.level).isNotNegative();
      assertThat(demand.nextPerHour()).isNotNegative();
      assertThat(demand.volatility()).isBetween(0.0, 1.0);
    }
  }

  @Test
  void shouldExpectNothingBeforeAnySample() {
    assertThat(new DemandEstimate().nextPerHour()).isZero();
    assertThat(new DemandEstimate().meanPerHour(10)).isZero();
  }
}
