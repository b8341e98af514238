package io.flashsale.events;

import java.time.Instant;

/**
 * {@code fba.recommendations} (key: sku, compacted): how many units to send from the own warehouse
 * to Amazon's, to cover {@code daysOfCover} days of FBA demand and no more.
 *
 * @param fbaAvailable FBA units neither committed nor shipped
 * @param fbaUnitsPerDay the FBA demand forecast
 * @param mainAvailable MAIN units that could be sent
 */
public record FbaRecommendation(
    String sku,
    long recommendedUnits,
    long fbaAvailable,
    double fbaUnitsPerDay,
    int daysOfCover,
    long mainAvailable,
    Instant generatedAt) {}
