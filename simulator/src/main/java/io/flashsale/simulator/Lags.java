package io.flashsale.simulator;

import java.time.Duration;
import java.util.Random;

/** How late a marketplace applies each quantity and reports each order, drawn from its ranges. */
final class Lags {

  private final Scenario.Marketplace marketplace;
  private final Random random;

  Lags(Scenario.Marketplace marketplace, long seed) {
    this.marketplace = marketplace;
    this.random = new Random(seed ^ marketplace.channel().hashCode());
  }

  synchronized Duration apply() {
    return draw(marketplace.applyLag());
  }

  synchronized Duration report() {
    return draw(marketplace.reportLag());
  }

  private Duration draw(Scenario.Range range) {
    long spread = range.max().toMillis() - range.min().toMillis();
    return range.min().plusMillis((long) (random.nextDouble() * spread));
  }
}
