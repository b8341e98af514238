package io.flashsale.inventory.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashsale.events.AllocationOverride;
import io.flashsale.events.CartEvent;
import io.flashsale.events.CartEventType;
import io.flashsale.events.ChannelOverride;
import io.flashsale.events.Decision;
import io.flashsale.events.DemandForecast;
import io.flashsale.events.Pool;
import io.flashsale.events.Position;
import io.flashsale.inventory.LedgerEvents;
import io.flashsale.inventory.allocation.AllocationConfig;
import io.flashsale.inventory.allocation.AllocationConfigs;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The allocation against marketplaces that lag: each keeps selling at the absolute quantity it was
 * last shown until it applies a new quota, at some point within its maximum sync lag, reports its
 * orders up to that lag late, and acknowledges only sometimes, when it applies a quota or already
 * when it accepts it. They never sell more than they were shown. Whatever the interleaving, the
 * ledger must never oversell, and quota outstanding plus held plus committed must never exceed
 * on-hand.
 */
class LaggingChannelsPropertiesTest {

  private static final String SKU = "SKU-1";
  private static final long MINUTE = 60_000;

  /** One step: what happens (kind) and two dice. */
  record Action(int kind, int a, int b) {}

  @Property(tries = 150)
  void shouldNeverOversellWhileMarketplacesLag(
      @ForAll("actions") List<Action> actions, @ForAll long seed, @ForAll boolean acksOnAcceptance)
      throws Exception {
    AllocationConfig shipped = AllocationConfig.defaults();
    AllocationConfig config =
        new AllocationConfig(
            shipped.channels(),
            AllocationConfigs.policy(
                shipped.policy().bufferPercent(),
                shipped.policy().maxBufferPercent(),
                shipped.policy().lowStockThreshold(),
                1.0));
    Random random = new Random(seed);
    Map<String, SimulatedMarketplace> marketplaces = new HashMap<>();
    // Acks when the marketplace applies a quota, or, as the Amazon and Walmart connectors send
    // them, when it accepts it, before it applies it.
    marketplaces.put(
        "amazon",
        new SimulatedMarketplace("amazon", Duration.ofHours(2), random, acksOnAcceptance));
    marketplaces.put(
        "walmart",
        new SimulatedMarketplace("walmart", Duration.ofHours(1), random, acksOnAcceptance));
    try (LedgerHarness ledger = new LedgerHarness(LedgerPolicy.DEFAULT, config)) {
      LaggingWorld world = new LaggingWorld(ledger, SKU, marketplaces, false);
      int id = 0;
      for (Action action : actions) {
        world.advance(action.kind() == 0 ? action.a() * MINUTE : 20_000);
        String eventId = "e" + id++;
        switch (action.kind()) {
          case 1 ->
              world.send(LedgerEvents.received(eventId, SKU, 5 + action.a() % 60, world.at()));
          case 2, 3, 4 -> world.send(cart(eventId, CartEventType.HOLD_REQUESTED, action, world));
          case 5, 6 -> world.send(cart(eventId, CartEventType.CHECKOUT_COMPLETED, action, world));
          case 7 -> world.send(cart(eventId, CartEventType.HOLD_RELEASED, action, world));
          case 8, 9, 10 ->
              world.buy(action.a() % 2 == 0 ? "amazon" : "walmart", 1 + action.b() % 6);
          case 11 -> world.send(override(eventId, action, world));
          case 13 -> ledger.restart();
          default ->
              world.send(
                  new DemandForecast(
                      eventId,
                      SKU,
                      List.of("web", "amazon", "walmart").get(action.a() % 3),
                      (double) (action.b() % 30),
                      world.at(),
                      world.at().plus(Duration.ofDays(1)),
                      "test"));
        }
        assertGaugesAddUp(ledger);
      }
      world.advance(Duration.ofHours(6).toMillis());
      assertGaugesAddUp(ledger);
    }
  }

  /**
   * The holds and exposure gauges, kept from the changes and carried through restarts, equal what
   * the decisions and the SKU's latest position say.
   */
  private static void assertGaugesAddUp(LedgerHarness ledger) {
    Map<String, Integer> liveHolds = new HashMap<>();
    for (Decision decision : ledger.decisions()) {
      if (Boolean.TRUE.equals(decision.duplicate())) {
        continue;
      }
      switch (decision.status()) {
        case GRANTED -> liveHolds.put(decision.holdId(), decision.quantity());
        case COMMITTED, RELEASED, EXPIRED -> liveHolds.remove(decision.holdId());
        default -> {}
      }
    }
    LedgerTotals totals = ledger.totals();
    assertThat(totals.holds).as("holds outstanding").isEqualTo(liveHolds.size());
    long held = liveHolds.values().stream().mapToLong(Integer::longValue).sum();
    assertThat(totals.unitsHeld).as("units held").isEqualTo(held);
    Position main = ledger.position(SKU, Pool.MAIN).orElse(null);
    long exposed = totals.exposure.values().stream().mapToLong(Long::longValue).sum();
    assertThat(exposed)
        .as("exposure over the channels")
        .isEqualTo(main == null ? 0 : main.quotaOutstanding());
    assertThat(held).isEqualTo(main == null ? 0 : main.held());
  }

  private static CartEvent cart(
      String eventId, CartEventType type, Action action, LaggingWorld world) {
    String holdId = "h" + action.a() % 12;
    return LedgerEvents.cart(
        eventId, type, "web", SKU, holdId, "W-" + eventId, 1 + action.b() % 8, world.at());
  }

  /** An operator pausing or reweighting a marketplace, or changing the buffer and threshold. */
  private static AllocationOverride override(String eventId, Action action, LaggingWorld world) {
    String channel = action.a() % 2 == 0 ? "amazon" : "walmart";
    return new AllocationOverride(
        eventId,
        SKU,
        (double) (action.b() % 11),
        action.b() % 25,
        List.of(
            new ChannelOverride(
                channel, 0.5 + action.b() % 4, action.a() % 5, action.b() % 3 == 0)),
        world.at());
  }

  @Provide
  Arbitrary<List<Action>> actions() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 13),
            Arbitraries.integers().between(0, 120),
            Arbitraries.integers().between(0, 100))
        .as(Action::new)
        .list()
        .ofMinSize(10)
        .ofMaxSize(200);
  }
}
