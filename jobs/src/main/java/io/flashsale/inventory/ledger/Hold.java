package io.flashsale.inventory.ledger;

/**
 * A live hold on MAIN units for a cart line. A POJO kept in keyed state until the hold ends.
 *
 * @param heldAt the event time it was granted
 */
public record Hold(
    String holdId,
    String requestEventId,
    String channel,
    int quantity,
    long heldAt,
    long expiresAt) {}
