package io.flashsale.inventory.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashsale.events.ChannelQuota;
import io.flashsale.events.Decision;
import io.flashsale.events.DecisionStatus;
import io.flashsale.events.MarketplaceOrder;
import io.flashsale.events.OversellCause;
import io.flashsale.events.Pool;
import io.flashsale.events.Position;
import io.flashsale.inventory.LedgerEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ledger, marketplaces that lag around it, and the clock. It checks after every step that the
 * ledger never oversells and that held + committed + what the marketplaces could still sell (their
 * listing, the quotas they may still apply, the orders they have not reported) fits in on-hand.
 */
final class LaggingWorld {
  private static final long MINUTE = 60_000;
  private final LedgerHarness ledger;
  private final String sku;
  private final boolean overbooking;
  private final List<MarketplaceOrder> reported = new ArrayList<>();
  private final Map<String, SimulatedMarketplace> marketplaces;
  private long now = LedgerEvents.T0.toEpochMilli();
  private int quotasSeen;
  private Position lastMain;
  private int orderNumber;

  /**
   * @param overbooking whether holds may exceed committable units; then only commits and what the
   *     marketplaces may sell are held to on-hand
   */
  LaggingWorld(
      LedgerHarness ledger,
      String sku,
      Map<String, SimulatedMarketplace> marketplaces,
      boolean overbooking) {
    this.ledger = ledger;
    this.sku = sku;
    this.marketplaces = marketplaces;
    this.overbooking = overbooking;
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
      for (SimulatedMarketplace marketplace : marketplaces.values()) {
        next = Math.min(next, marketplace.nextDue());
      }
      now = Math.max(now, next);
      for (SimulatedMarketplace marketplace : marketplaces.values()) {
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

  /** A marketplace buyer; false when the listing did not show the units. */
  boolean buy(String channel, int units) throws Exception {
    return marketplaces.get(channel).buy(sku, "M-" + orderNumber++, units, now);
  }

  /** The marketplace orders reported to the ledger so far. */
  List<MarketplaceOrder> reportedOrders() {
    return reported;
  }

  void send(Object event) throws Exception {
    if (event instanceof MarketplaceOrder order) {
      reported.add(order);
    }
    ledger.send(event);
    check();
  }

  /** Holds count against on-hand unless overbooking lets them exceed it on purpose. */
  private static List<Long> content(Position position) {
    return List.of(
        position.onHand(),
        position.held(),
        position.committed(),
        position.available(),
        position.bufferUnits(),
        position.quotaOutstanding());
  }

  private long held(Position position) {
    return overbooking ? 0 : position.held();
  }

  private void check() {
    List<ChannelQuota> quotas = ledger.quotas();
    for (; quotasSeen < quotas.size(); quotasSeen++) {
      ChannelQuota quota = quotas.get(quotasSeen);
      SimulatedMarketplace marketplace = marketplaces.get(quota.channel());
      if (marketplace != null) {
        marketplace.publish(quota);
      }
    }
    assertThat(ledger.incidents())
        .as("no oversell while channels sell within what they were shown")
        .noneMatch(i -> i.cause() == OversellCause.CHANNEL_ORDER);
    for (Position position : ledger.newPositions()) {
      if (position.pool() == Pool.MAIN) {
        if (lastMain != null) {
          assertThat(position.version()).isEqualTo(lastMain.version() + 1);
          assertThat(content(position))
              .as("a new version is a change: %s after %s", position, lastMain)
              .isNotEqualTo(content(lastMain));
        }
        lastMain = position;
        assertThat(position.committed()).isLessThanOrEqualTo(position.onHand());
        assertThat(position.quotaOutstanding() + held(position) + position.committed())
            .as("outstanding + held + committed within on-hand: %s", position)
            .isLessThanOrEqualTo(position.onHand());
      }
    }
    // What the marketplaces could really still sell, whatever the ledger believes.
    ledger
        .position(sku, Pool.MAIN)
        .ifPresent(
            position -> {
              long couldStillSell = 0;
              for (SimulatedMarketplace marketplace : marketplaces.values()) {
                couldStillSell += marketplace.couldStillSell();
              }
              assertThat(held(position) + position.committed() + couldStillSell)
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
