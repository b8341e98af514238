package io.flashsale.events;

import java.time.Instant;

/**
 * {@code reservations.decisions} (key: sku): the answer to a cart event, or the end of a hold.
 *
 * @param requestEventId the cart event answered; none for EXPIRED
 * @param ledgerVersion the version of the (sku, pool) position right after this decision
 * @param decidedAt the event time of the event answered; for EXPIRED, the hold's expiry
 * @param duplicate true on the repeated answer to a re-sent event, otherwise absent
 */
public record Decision(
    String eventId,
    String requestEventId,
    String holdId,
    String orderId,
    String sku,
    Pool pool,
    String channel,
    int quantity,
    DecisionStatus status,
    DecisionReason reason,
    Instant expiresAt,
    long ledgerVersion,
    Instant decidedAt,
    Boolean duplicate) {

  /** This decision again, as the answer to a re-sent event. */
  public Decision asDuplicate(String newEventId) {
    return new Decision(
        newEventId,
        requestEventId,
        holdId,
        orderId,
        sku,
        pool,
        channel,
        quantity,
        status,
        reason,
        expiresAt,
        ledgerVersion,
        decidedAt,
        Boolean.TRUE);
  }
}
