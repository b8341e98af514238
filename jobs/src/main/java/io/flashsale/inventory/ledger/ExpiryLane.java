package io.flashsale.inventory.ledger;

/**
 * A queue of hold expiries for holds granted with the same TTL. Within a lane, expiry follows
 * request order, which is event-time order up to the out-of-orderness of the cart stream, so the
 * head is the next hold to expire and no search is needed. A Flink POJO kept in keyed state.
 */
public final class ExpiryLane {
  public long ttlMillis;

  /** Sequence number of the oldest entry still queued. */
  public long head;

  /** Sequence number the next entry gets. */
  public long tail;

  /** Expiry of the entry at {@link #head}, or {@link Long#MAX_VALUE} when the lane is empty. */
  public long headExpiresAt = Long.MAX_VALUE;

  public ExpiryLane() {}

  ExpiryLane(long ttlMillis) {
    this.ttlMillis = ttlMillis;
  }

  boolean isEmpty() {
    return head == tail;
  }

  String keyOf(long sequence) {
    return ttlMillis + "#" + sequence;
  }
}
