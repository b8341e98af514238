package io.flashsale.inventory.ledger;

import io.flashsale.events.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * An order that commits (or will commit) units of one pool of this SKU: a DIRECT checkout or a
 * marketplace order. Kept under {@link #key}: shipments and orders name the pool and the orderId,
 * so orderIds are taken to be unique per SKU and pool across channels. A Flink POJO kept in keyed
 * state while the order has committed or waiting units, then for the duplicate horizon so re-sent
 * marketplace events stay recognised.
 */
public final class OrderRecord {
  public String orderId;
  public Pool pool;

  /** Units of this order still committed: created, less cancelled and shipped. */
  public int committed;

  /** Whether anything was ever committed for it (a checkout or a CREATED order). */
  public boolean opened;

  /** {@code channel/STATUS} of each marketplace event applied: orders are idempotent on them. */
  public List<String> applied = new ArrayList<>();

  /** DIRECT holds committed into this order, so a second checkout of one is refused. */
  public List<String> holdIds = new ArrayList<>();

  public List<ParkedMovement> parked = new ArrayList<>();

  /**
   * When the order last became closed, or {@link #OPEN} while it has committed or waiting units.
   */
  public long closedAt = OPEN;

  static final long OPEN = Long.MIN_VALUE;

  public OrderRecord() {}

  OrderRecord(String orderId, Pool pool) {
    this.orderId = orderId;
    this.pool = pool;
  }

  static String key(Pool pool, String orderId) {
    return pool + "|" + orderId;
  }

  String key() {
    return key(pool, orderId);
  }

  boolean isClosed() {
    return opened && committed == 0 && parked.isEmpty();
  }
}
