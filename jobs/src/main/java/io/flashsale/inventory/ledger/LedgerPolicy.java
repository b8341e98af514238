package io.flashsale.inventory.ledger;

import java.io.Serializable;
import java.time.Duration;

/**
 * The ledger's time rules.
 *
 * @param defaultHoldTtl how long a hold lasts unless a sale in effect sets its own TTL
 * @param duplicateHorizon how long, in event time, a re-sent eventId is recognised: at least this
 *     long and at most twice as long (answers are kept in two rotating generations)
 * @param orderWait how long a shipment or cancellation waits for its order's commitment
 */
public record LedgerPolicy(Duration defaultHoldTtl, Duration duplicateHorizon, Duration orderWait)
    implements Serializable {

  public static final LedgerPolicy DEFAULT =
      new LedgerPolicy(Duration.ofSeconds(600), Duration.ofHours(24), Duration.ofHours(24));

  public LedgerPolicy {
    for (Duration duration : new Duration[] {defaultHoldTtl, duplicateHorizon, orderWait}) {
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("ledger durations must be positive: " + this);
      }
    }
  }
}
