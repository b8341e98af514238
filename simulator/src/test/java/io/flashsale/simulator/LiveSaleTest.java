package io.flashsale.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashsale.local.LocalStack;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A short sale played on the real stack: Kafka, PostgreSQL, the marketplace stand-ins and the
 * inventory, fraud, channel sync and table sync jobs on a local Flink cluster.
 */
class LiveSaleTest {

  @Test
  @Timeout(300)
  void playsASaleOnTheRunningSystemWithoutOversellingAndFindsItsFraud() throws Exception {
    Scenario scenario = Scenario.load("src/test/resources/short-sale.yaml");
    List<Visit> visits = DemandTrace.of(scenario);
    Configuration flink = LocalStack.flinkConfiguration(Path.of("../flink-conf"));
    List<Progress> progress = new ArrayList<>();
    LiveOutcome live;
    try (SaleStack stack = SaleStack.start(scenario, flink, 0)) {
      live = stack.play(visits, progress::add);
    }
    Outcome outcome = live.outcome();
    System.out.println(live);
    System.out.print(
        ComparisonTable.of(
            List.of(
                outcome,
                BaselineWorld.play(scenario, Baseline.FULL_COUNT_SYNC, visits),
                BaselineWorld.play(scenario, Baseline.STATIC_SPLIT, visits))));

    assertThat(outcome.oversoldUnits()).isZero();
    assertThat(live.oversellIncidents()).isZero();
    assertThat(live.deadLetters()).isZero();
    // Every shopper checks out within the hold's lifetime; only overbooking (holds beyond the
    // free units, capped by the SKU's conversion) can turn a checkout away, and rarely.
    assertThat(outcome.checkouts()).isPositive();
    assertThat(outcome.checkoutsRejectedAfterHold()).isLessThanOrEqualTo(outcome.checkouts() / 10);
    // Every channel sold: the marketplaces through the quotas the connectors pushed to them.
    assertThat(outcome.soldUnits()).allSatisfy((channel, units) -> assertThat(units).isPositive());
    // Demand exceeded the popular SKU's stock.
    assertThat(outcome.unmetDemandUnits()).isPositive();
    assertThat(live.quotaChanges()).containsKeys("INITIAL", "FLASH_SALE_START", "FLASH_SALE_END");
    assertThat(live.fraudAlerts()).containsKeys("BOT_VELOCITY", "COUPON_ABUSE");
    assertThat(progress).isNotEmpty();
    assertThat(progress.get(progress.size() - 1).fraction()).isEqualTo(1.0);
    assertThat(progress.get(progress.size() - 1).sold()).isEqualTo(outcome.shippedUnits());
  }
}
