package io.flashsale.inventory.ledger;

import io.flashsale.events.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything about one SKU that most events read or change, kept together in one value so that an
 * event costs one read and one write of it. A Flink POJO kept in keyed state.
 */
public final class SkuBalances {
  public PoolBalance main = new PoolBalance();
  public PoolBalance fba = new PoolBalance();

  /** Numbers this SKU's decisions: their eventIds are {@code sku/sequence}. */
  public long decisionSequence;

  public List<ExpiryLane> lanes = new ArrayList<>();

  /** The earliest event-time timer registered for hold expiry, or MAX_VALUE. */
  public long expiryWakeUp = Long.MAX_VALUE;

  /** The dedup generation each of the two answer slots holds, or -1 when empty. */
  public long slot0Generation = -1;

  public long slot1Generation = -1;

  // ---- what the last rebalance decided, read on every hold and checkout ----

  /** MAIN units held back from the marketplaces, and from the own store unless stock is low. */
  public long bufferUnits;

  /** MAIN units the marketplaces may still sell without us knowing yet. */
  public long exposure;

  /** The part of the exposure held by superseded quotas: it cannot be reallocated until closed. */
  public long lockedExposure;

  public boolean lowStock;
  public long lowStockThreshold;

  /** Identifies the sales in effect at the last rebalance; a change means a sale began or ended. */
  public long saleSignature;

  /** The earliest allocation timer registered (schedule, exposure, sale), or MAX_VALUE. */
  public long allocationWakeUp = Long.MAX_VALUE;

  // ---- the SKU's hold-to-checkout history, for overbooking ----

  public long holdsEnded;

  /** Holds whose shopper went on to check out (whether or not the checkout could be committed). */
  public long checkouts;

  PoolBalance pool(Pool pool) {
    return pool == Pool.MAIN ? main : fba;
  }

  long nextExpiry() {
    long next = Long.MAX_VALUE;
    for (ExpiryLane lane : lanes) {
      next = Math.min(next, lane.headExpiresAt);
    }
    return next;
  }

  /**
   * MAIN units the own store may commit: on-hand, less what is committed, less what marketplaces
   * may still sell, less the buffer while stock is not low.
   */
  long committable() {
    return main.onHand - main.committed - exposure - (lowStock ? 0 : bufferUnits);
  }

  /** MAIN units free for a new hold, or a commit without one. May be negative after a loss. */
  long free() {
    return committable() - main.held;
  }

  /**
   * MAIN units that can still be given to a channel: not bought, not held, not buffer, not locked
   * in a superseded quota. Stock is low when they fall under the threshold.
   */
  long allocatable() {
    return main.onHand - main.committed - main.held - bufferUnits - lockedExposure;
  }

  long available(Pool pool) {
    return Math.max(0, pool == Pool.MAIN ? free() : fba.onHand - fba.committed);
  }
}
