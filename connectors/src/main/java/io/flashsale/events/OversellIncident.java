package io.flashsale.events;

import java.time.Instant;

/**
 * {@code oversell.incidents} (key: sku): committed units exceeded on-hand units. It stays empty
 * while channels respect their quotas.
 *
 * @param shortBy committed minus on-hand right after the event, in units
 */
public record OversellIncident(
    String sku,
    Pool pool,
    String channel,
    String orderId,
    OversellCause cause,
    long shortBy,
    Instant detectedAt) {}
