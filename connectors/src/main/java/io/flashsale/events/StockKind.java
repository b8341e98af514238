package io.flashsale.events;

/** What a stock movement from the warehouse or ERP did to on-hand units. */
public enum StockKind {
  /** Units arrived: on-hand += quantity. */
  RECEIVED,
  /** Customer returns put back into stock: on-hand += quantity. */
  RETURNED,
  /** A correction (damage, loss, found units): on-hand += quantity, which may be negative. */
  ADJUSTED,
  /** A cycle count: on-hand := quantity (absolute, at least 0). */
  COUNTED,
  /** Units of a committed order left the building: on-hand and committed -= quantity. */
  SHIPPED
}
