package io.flashsale.inventory.ledger;

import io.flashsale.events.AckStatus;
import io.flashsale.events.ChannelAck;
import io.flashsale.events.ChannelQuota;
import io.flashsale.events.MarketplaceOrder;
import io.flashsale.events.OrderStatus;
import io.flashsale.events.Pool;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * A marketplace listing: an absolute quantity that it sells down, replaced when it applies a newer
 * quota, within its maximum lag of the publication. Orders are reported late; acks come for some
 * quotas only: when the marketplace applies them, or, as Amazon's and Walmart's connectors ack,
 * when it accepts them, before it applies them.
 */
final class SimulatedMarketplace {
  private final String channel;
  private final long maxLagMs;
  private final Random random;
  private final boolean acksOnAcceptance;
  private long quantity;
  private long appliedVersion;
  private long soldUnits;
  private final List<Object[]> toApply = new ArrayList<>();
  private final List<Object[]> toReport = new ArrayList<>();
  private final List<ChannelAck> toAck = new ArrayList<>();

  SimulatedMarketplace(String channel, Duration maxLag, Random random) {
    this(channel, maxLag, random, false);
  }

  SimulatedMarketplace(String channel, Duration maxLag, Random random, boolean acksOnAcceptance) {
    this.channel = channel;
    this.maxLagMs = maxLag.toMillis();
    this.random = random;
    this.acksOnAcceptance = acksOnAcceptance;
  }

  void publish(ChannelQuota quota) {
    long publishedAt = quota.effectiveAt().toEpochMilli();
    toApply.add(new Object[] {quota, publishedAt + (long) (random.nextDouble() * maxLagMs)});
    if (acksOnAcceptance && random.nextBoolean()) {
      toAck.add(ack(quota, publishedAt));
    }
  }

  private ChannelAck ack(ChannelQuota quota, long at) {
    return new ChannelAck(
        "ack-" + channel + quota.quotaVersion(),
        channel,
        quota.sku(),
        quota.quota(),
        quota.quotaVersion(),
        AckStatus.APPLIED,
        Instant.ofEpochMilli(at),
        null);
  }

  /** A buyer takes {@code units} if the listing shows them; false when it does not. */
  boolean buy(String sku, String orderId, int units, long now) {
    if (quantity < units) {
      return false;
    }
    {
      quantity -= units;
      soldUnits += units;
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
    return true;
  }

  /** Units its buyers bought, reported or not. */
  long soldUnits() {
    return soldUnits;
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
    long next = toAck.isEmpty() ? Long.MAX_VALUE : toAck.get(0).appliedAt().toEpochMilli();
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
    // Acceptance acks are due at once: they were published at the quota's own time.
    events.addAll(toAck);
    toAck.clear();
    for (Iterator<Object[]> it = toApply.iterator(); it.hasNext(); ) {
      Object[] pending = it.next();
      ChannelQuota quota = (ChannelQuota) pending[0];
      long applyAt = (long) pending[1];
      if (applyAt <= now && quota.quotaVersion() > appliedVersion) {
        // A newer quota applied replaces what is left of the older one.
        quantity = quota.quota();
        appliedVersion = quota.quotaVersion();
        it.remove();
        if (!acksOnAcceptance && random.nextBoolean()) {
          events.add(ack(quota, applyAt));
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
