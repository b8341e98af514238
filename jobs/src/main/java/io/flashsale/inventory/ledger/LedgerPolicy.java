package io.flashsale.inventory.ledger;

import java.io.Serializable;
import java.time.Duration;

/**
 * The ledger's rules for holds and for remembering events.
 *
 * @param defaultHoldTtl how long a hold lasts unless a sale in effect sets its own TTL
 * @param duplicateHorizon how long, in event time, a re-sent eventId is recognised: at least this
 *     long and at most twice as long (answers are kept in two rotating generations)
 * @param orderWait how long a shipment or cancellation waits for its order's commitment
 * @param holdLimitPerCustomer the most units of a SKU that one customer, or one device, may hold at
 *     once; 0 for no limit
 */
public record LedgerPolicy(
    Duration defaultHoldTtl,
    Duration duplicateHorizon,
    Duration orderWait,
    int holdLimitPerCustomer)
    implements Serializable {

  public static final LedgerPolicy DEFAULT =
      new LedgerPolicy(Duration.ofSeconds(600), Duration.ofHours(24), Duration.ofHours(24));

  public LedgerPolicy {
    for (Duration duration : new Duration[] {defaultHoldTtl, duplicateHorizon, orderWait}) {
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("ledger durations must be positive, got " + duration);
      }
    }
    if (holdLimitPerCustomer < 0) {
      throw new IllegalArgumentException(
          "the hold limit must be 0 (none) or positive, got " + holdLimitPerCustomer);
    }
  }

  /** The rules without a per-customer hold limit. */
  public LedgerPolicy(Duration defaultHoldTtl, Duration duplicateHorizon, Duration orderWait) {
    this(defaultHoldTtl, duplicateHorizon, orderWait, 0);
  }
}
