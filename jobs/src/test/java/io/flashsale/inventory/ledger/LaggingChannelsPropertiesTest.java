package io.flashsale.inventory.ledger;

import static io.flashsale.inventory.LedgerEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.flashsale.events.AckStatus;
import io.flashsale.events.CartEvent;
import io.flashsale.events.CartEventType;
import io.flashsale.events.ChannelAck;
import io.flashsale.events.ChannelQuota;
import io.flashsale.events.Decision;
import io.flashsale.events.DecisionStatus;
import io.flashsale.events.DemandForecast;
import io.flashsale.events.MarketplaceOrder;
import io.flashsale.events.OrderStatus;
import io.flashsale.events.OversellCause;
import io.flashsale.events.Pool;
import io.flashsale.events.Position;
import io.flashsale.inventory.LedgerEvents;
import io.flashsale.inventory.allocation.AllocationConfig;
import io.flashsale.inventory.allocation.AllocationConfigs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
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
 * orders up to that lag late, and acknowledges only sometimes. They never sell more than they were
 * shown. Whatever the interleaving, the ledger must never oversell, and quota outstanding plus held
 * plus committed must never exceed on-hand.
 */
class LaggingChannelsPropertiesTest {

  private static final String SKU = "SKU-1";
  private static final long MINUTE = 60_000;

  /** One step: what happens (kind) and two dice. */
  record Action(int kind, int a, int b) {}

  @Property(tries = 150)
  void shouldNeverOversellWhileMarketplacesLag(
      @ForAll("actions") List<Action> actions, @ForAll long seed) throws Exception {
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
    Map<String, Marketplace> marketplaces = new HashMap<>();
    marketplaces.put("amazon", new Marketplace("amazon", Duration.ofHours(2), random));
    marketplaces.put("walmart", new Marketplace("walmart", Duration.ofHours(1), random));
    try (LedgerHarness ledger = new LedgerHarness(LedgerPolicy.DEFAULT, config)) {
      World world = new World(ledger, marketplaces);
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
      }
      world.advance(Duration.ofHours(6).toMillis());
    }
  }

  private static CartEvent cart(String eventId, CartEventType type, Action action, World world) {
    String holdId = "h" + action.a() % 12;
    return LedgerEvents.cart(
        eventId, type, "web", SKU, holdId, "W-" + eventId, 1 + action.b() % 8, world.at());
  }

  /** The ledger, the marketplaces around it, and the clock; checks the invariants as it goes. */
  private static final class World {
    private final LedgerHarness ledger;
    private final Map<String, Marketplace> marketplaces;
    private long now = T0.toEpochMilli();
    private int quotasSeen;
    private int orderNumber;

    World(LedgerHarness ledger, Map<String, Marketplace> marketplaces) {
      this.ledger = ledger;
      this.marketplaces = marketplaces;
    }

    Instant at() {
      return Instant.ofEpochMilli(now);
    }

    /** Time passes: marketplaces apply quotas and report orders as it does. */
    void advance(long millis) throws Exception {
      long until = now + millis;
      while (true) {
        // Small steps, so timers and what the marketplaces do interleave as they would.
        long next = Math.min(until, now + 5 * MINUTE);
        for (Marketplace marketplace : marketplaces.values()) {
          next = Math.min(next, marketplace.nextDue());
        }
        now = Math.max(now, next);
        for (Marketplace marketplace : marketplaces.values()) {
          for (Object event : marketplace.due(now)) {
            send(event);
          }
        }
        ledger.watermark(at());
        check();
        if (next >= until) {
          return;
        }
      }
    }

    void buy(String channel, int units) throws Exception {
      marketplaces.get(channel).buy(SKU, "M-" + orderNumber++, units, now);
    }

    void send(Object event) throws Exception {
      ledger.send(event);
      check();
    }

    private void check() {
      List<ChannelQuota> quotas = ledger.quotas();
      for (; quotasSeen < quotas.size(); quotasSeen++) {
        ChannelQuota quota = quotas.get(quotasSeen);
        Marketplace marketplace = marketplaces.get(quota.channel());
        if (marketplace != null) {
          marketplace.publish(quota);
        }
      }
      assertThat(ledger.incidents())
          .as("no oversell while channels sell within what they were shown")
          .noneMatch(i -> i.cause() == OversellCause.CHANNEL_ORDER);
      for (Position position : ledger.newPositions()) {
        if (position.pool() == Pool.MAIN) {
          assertThat(position.committed()).isLessThanOrEqualTo(position.onHand());
          assertThat(position.quotaOutstanding() + position.held() + position.committed())
              .as("outstanding + held + committed within on-hand: %s", position)
              .isLessThanOrEqualTo(position.onHand());
        }
      }
      // What the marketplaces could really still sell, whatever the ledger believes.
      ledger
          .position(SKU, Pool.MAIN)
          .ifPresent(
              position -> {
                long couldStillSell = 0;
                for (Marketplace marketplace : marketplaces.values()) {
                  couldStillSell += marketplace.couldStillSell();
                }
                assertThat(position.held() + position.committed() + couldStillSell)
                    .as("held + committed + what marketplaces may still sell: %s", position)
                    .isLessThanOrEqualTo(position.onHand());
              });
      for (Decision decision : ledger.newDecisions()) {
        assertThat(decision.status()).isNotNull();
        if (decision.status() == DecisionStatus.COMMITTED) {
          assertThat(decision.quantity()).isPositive();
        }
      }
    }
  }

  /**
   * A marketplace listing: an absolute quantity that it sells down, replaced when it applies a
   * newer quota, within its maximum lag of the publication. Orders are reported late; acks come for
   * some quotas only.
   */
  private static final class Marketplace {
    private final String channel;
    private final long maxLagMs;
    private final Random random;
    private long quantity;
    private long appliedVersion;
    private final List<Object[]> toApply = new ArrayList<>();
    private final List<Object[]> toReport = new ArrayList<>();

    Marketplace(String channel, Duration maxLag, Random random) {
      this.channel = channel;
      this.maxLagMs = maxLag.toMillis();
      this.random = random;
    }

    void publish(ChannelQuota quota) {
      long publishedAt = quota.effectiveAt().toEpochMilli();
      toApply.add(new Object[] {quota, publishedAt + (long) (random.nextDouble() * maxLagMs)});
    }

    void buy(String sku, String orderId, int units, long now) {
      if (quantity >= units) {
        quantity -= units;
        MarketplaceOrder order =
            new MarketplaceOrder(
                "o-" + orderId,
                channel,
                orderId,
                sku,
                units,
                OrderStatus.CREATED,
                Pool.MAIN,
                Instant.ofEpochMilli(now));
        toReport.add(new Object[] {order, now + (long) (random.nextDouble() * maxLagMs)});
      }
    }

    /** Its live quantity, the quotas it may still apply, and the orders it has not reported. */
    long couldStillSell() {
      long units = quantity;
      for (Object[] pending : toApply) {
        units += ((ChannelQuota) pending[0]).quota();
      }
      for (Object[] pending : toReport) {
        units += ((MarketplaceOrder) pending[0]).quantity();
      }
      return units;
    }

    long nextDue() {
      long next = Long.MAX_VALUE;
      for (Object[] pending : toApply) {
        next = Math.min(next, (long) pending[1]);
      }
      for (Object[] pending : toReport) {
        next = Math.min(next, (long) pending[1]);
      }
      return next;
    }

    /** Quotas applied (in publication order) and orders reported by {@code now}. */
    List<Object> due(long now) {
      List<Object> events = new ArrayList<>();
      for (Iterator<Object[]> it = toApply.iterator(); it.hasNext(); ) {
        Object[] pending = it.next();
        ChannelQuota quota = (ChannelQuota) pending[0];
        long applyAt = (long) pending[1];
        if (applyAt <= now && quota.quotaVersion() > appliedVersion) {
          // A newer quota applied replaces what is left of the older one.
          quantity = quota.quota();
          appliedVersion = quota.quotaVersion();
          it.remove();
          if (random.nextBoolean()) {
            events.add(
                new ChannelAck(
                    "ack-" + channel + quota.quotaVersion(),
                    channel,
                    quota.sku(),
                    quota.quota(),
                    quota.quotaVersion(),
                    AckStatus.APPLIED,
                    Instant.ofEpochMilli(applyAt),
                    null));
          }
        }
      }
      // An older quota not applied before a newer one is never applied (connectors send the
      // newest).
      toApply.removeIf(p -> ((ChannelQuota) p[0]).quotaVersion() <= appliedVersion);
      for (Iterator<Object[]> it = toReport.iterator(); it.hasNext(); ) {
        Object[] pending = it.next();
        if ((long) pending[1] <= now) {
          events.add(pending[0]);
          it.remove();
        }
      }
      return events;
    }
  }

  @Provide
  Arbitrary<List<Action>> actions() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 11),
            Arbitraries.integers().between(0, 120),
            Arbitraries.integers().between(0, 100))
        .as(Action::new)
        .list()
        .ofMinSize(10)
        .ofMaxSize(200);
  }
}
