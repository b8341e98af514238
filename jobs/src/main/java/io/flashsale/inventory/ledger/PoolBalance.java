package io.flashsale.inventory.ledger;

/** The units of one SKU in one pool. A Flink POJO kept in keyed state. */
public final class PoolBalance {
  public long onHand;
  public long held;
  public long committed;

  /** 0 until the first change, then increased by exactly one per change. */
  public long version;

  public long updatedAt;

  /** Committed units that on-hand cannot cover; positive means oversold. */
  long shortBy() {
    return committed - onHand;
  }
}
