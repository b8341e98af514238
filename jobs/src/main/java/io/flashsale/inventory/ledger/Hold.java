package io.flashsale.inventory.ledger;

/**
 * A live hold on MAIN units for a cart line. A POJO kept in keyed state until the hold ends.
 *
 * @param heldAt the event time it was granted
 * @param customerId the customer the hold counts against the per-customer limit; null when it was
 *     granted without a limit
 * @param deviceId the device it counts against the limit; null without a limit or a device
 */
public record Hold(
    String holdId,
    String requestEventId,
    String channel,
    int quantity,
    long heldAt,
    long expiresAt,
    String customerId,
    String deviceId) {}
