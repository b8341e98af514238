package io.flashsale.inventory.ledger;

import io.flashsale.events.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * An order that commits (or will commit) units of this SKU: a DIRECT checkout or a marketplace
 * order. Shipments name orders by orderId alone, so orderIds are taken to be unique per SKU across
 * channels. A Flink POJO kept in keyed state while the order has committed or waiting units, then
 * for the duplicate horizon so re-sent marketplace events stay recognised.
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

  boolean isClosed() {
    return opened && committed == 0 && parked.isEmpty();
  }
}
