package io.flashsale.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashsale.simulator.Visit.Intent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The baselines on visits written by hand, against figures worked out by hand. */
class BaselineWorldTest {

  private static final Scenario.Range NOW = new Scenario.Range(Duration.ZERO, Duration.ZERO);
  private static final Scenario.Range HOUR =
      new Scenario.Range(Duration.ofHours(1), Duration.ofHours(1));

  /** One SKU of 10 units; marketplaces apply at once and report their orders an hour late. */
  private static Scenario scenario(int stock) {
    return new Scenario(
        "hand-written",
        null,
        1,
        Duration.ofMinutes(20),
        60,
        Duration.ofMinutes(10),
        new Scenario.Products("S", 1, stock, 0, null),
        new Scenario.OwnStore(0, 2, 1, 0, NOW),
        List.of(
            new Scenario.Marketplace("amazon", 0, NOW, HOUR),
            new Scenario.Marketplace("walmart", 0, NOW, HOUR)),
        null,
        null,
        null,
        null,
        new Scenario.Baselines(
            Duration.ofMinutes(15), Map.of("web", 50.0, "amazon", 30.0, "walmart", 20.0)));
  }

  /** Ten Amazon buyers at minute 1, ten Walmart buyers at minute 2, a web shopper at minute 3. */
  private static List<Visit> rush() {
    List<Visit> visits = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      visits.add(new Visit.Buyer(Duration.ofMinutes(1), "amazon", "S-001", 1));
    }
    for (int i = 0; i < 10; i++) {
      visits.add(new Visit.Buyer(Duration.ofMinutes(2), "walmart", "S-001", 1));
    }
    visits.add(shopper(3, 1, Duration.ofMinutes(1), true));
    return visits;
  }

  private static Visit.Shopper shopper(int minute, int units, Duration think, boolean genuine) {
    return new Visit.Shopper(
        Duration.ofMinutes(minute),
        "S-001",
        units,
        Intent.CHECKOUT,
        think,
        "C-" + minute,
        "D-" + minute,
        "10.0.0." + minute,
        List.of(),
        genuine);
  }

  @Test
  void fullCountSyncShowsEveryChannelTheWholeCountAndOversellsWhileOrdersAreUnreported() {
    Outcome outcome = BaselineWorld.play(scenario(10), Baseline.FULL_COUNT_SYNC, rush());

    // Each channel shows 10: Amazon sells 10, Walmart 10 more (Amazon's orders are an hour
    // from being reported), the own store 1 (its own count was never lowered).
    assertThat(outcome.soldUnits())
        .containsEntry("amazon", 10L)
        .containsEntry("walmart", 10L)
        .containsEntry("web", 1L);
    assertThat(outcome.oversoldUnits()).isEqualTo(11);
    assertThat(outcome.shippedUnits()).isEqualTo(10);
    assertThat(outcome.sellThrough()).isEqualTo(1.0);
    assertThat(outcome.strandedUnits()).isZero();
    assertThat(outcome.unmetDemandUnits()).isZero();
  }

  @Test
  void staticSplitNeverShowsMoreThanItsShareAndStrandsTheRest() {
    Outcome outcome = BaselineWorld.play(scenario(10), Baseline.STATIC_SPLIT, rush());

    // Shares of 10: web 5, Amazon 3, Walmart 2. Amazon turns 7 buyers away, Walmart 8; 4 units
    // (10 - 3 - 2 - 1) are left while 15 buyers went without.
    assertThat(outcome.soldUnits())
        .containsEntry("amazon", 3L)
        .containsEntry("walmart", 2L)
        .containsEntry("web", 1L);
    assertThat(outcome.oversoldUnits()).isZero();
    assertThat(outcome.unmetDemandUnits()).isEqualTo(15);
    assertThat(outcome.strandedUnits()).isEqualTo(4);
    assertThat(outcome.sellThrough()).isEqualTo(0.6);
  }

  @Test
  void aCartDoesNotReserveSoASlowerShopperFindsTheItemGoneAtCheckout() {
    // Two units, both shown on the own store under full-count sync. A puts 2 in the cart at
    // minute 1 and pays at minute 6; B puts 2 in at minute 2 and pays at minute 3.
    List<Visit> visits =
        List.of(
            shopper(1, 2, Duration.ofMinutes(5), true), shopper(2, 2, Duration.ofMinutes(1), true));

    Outcome outcome = BaselineWorld.play(scenario(2), Baseline.FULL_COUNT_SYNC, visits);

    assertThat(outcome.checkouts()).isEqualTo(2);
    assertThat(outcome.checkoutsRejectedAfterHold()).isEqualTo(1);
    assertThat(outcome.soldUnits()).containsEntry("web", 2L);
    assertThat(outcome.unmetDemandUnits()).isEqualTo(2);
    assertThat(outcome.oversoldUnits()).isZero();
  }

  @Test
  void whatBotsAndCouponRingsAreRefusedIsNotDemandLeftUnmet() {
    // Static split shows the own store 1 unit of 2: the genuine shopper who comes second
    // is turned away and counts; the bot that comes third does not.
    List<Visit> visits =
        List.of(
            shopper(1, 1, Duration.ZERO, true),
            shopper(2, 1, Duration.ZERO, true),
            shopper(3, 1, Duration.ZERO, false));

    Outcome outcome = BaselineWorld.play(scenario(2), Baseline.STATIC_SPLIT, visits);

    assertThat(outcome.soldUnits()).containsEntry("web", 1L);
    assertThat(outcome.unmetDemandUnits()).isEqualTo(1);
  }

  @Test
  void aLateMarketplaceKeepsSellingItsOldListingUntilItAppliesTheNewOne() {
    // Amazon applies an update an hour late: at minute 0 it still shows nothing, so its
    // buyers at minute 1 find nothing, under either policy.
    Scenario lagging =
        new Scenario(
            "lagging",
            null,
            1,
            Duration.ofMinutes(20),
            60,
            Duration.ofMinutes(10),
            new Scenario.Products("S", 1, 10, 0, null),
            new Scenario.OwnStore(0, 2, 1, 0, NOW),
            List.of(new Scenario.Marketplace("amazon", 0, HOUR, HOUR)),
            null,
            null,
            null,
            null,
            new Scenario.Baselines(Duration.ofMinutes(15), Map.of("web", 50.0, "amazon", 50.0)));
    List<Visit> visits = List.of(new Visit.Buyer(Duration.ofMinutes(1), "amazon", "S-001", 1));

    for (Baseline baseline : Baseline.values()) {
      Outcome outcome = BaselineWorld.play(lagging, baseline, visits);
      assertThat(outcome.soldUnits()).as(baseline.label()).containsEntry("amazon", 0L);
      assertThat(outcome.unmetDemandUnits()).as(baseline.label()).isEqualTo(1);
    }
  }
}
