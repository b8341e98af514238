package io.flashsale.inventory.ledger;

import io.flashsale.events.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything about one SKU that changes on most events, kept together in one value so that an event
 * costs one read and one write of it. A Flink POJO kept in keyed state.
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
}
