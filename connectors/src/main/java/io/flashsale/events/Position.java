package io.flashsale.events;

import java.time.Instant;

/**
 * {@code inventory.positions} (key: {@code sku|pool}, compacted): the ledger of one SKU and pool
 * after a change.
 *
 * @param available what can still be promised, never below 0
 * @param quotaOutstanding units published to channels and not yet sold there
 * @param version starts at 1 and increases by exactly one per change of this SKU and pool
 */
public record Position(
    String sku,
    Pool pool,
    long onHand,
    long held,
    long committed,
    long available,
    long bufferUnits,
    long quotaOutstanding,
    long version,
    Instant updatedAt) {

  /** The record key on the positions topic, for example {@code SKU-1|MAIN}. */
  public String key() {
    return sku + "|" + pool;
  }
}
