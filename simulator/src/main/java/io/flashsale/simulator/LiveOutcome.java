package io.flashsale.simulator;

import java.time.Duration;
import java.util.Map;

/**
 * What the running system did with a scenario, beyond the figures every policy has.
 *
 * @param quotaChanges quotas published on channel.quotas, by reason
 * @param fraudAlerts alerts on fraud.alerts, by pattern
 * @param oversellIncidents incidents the ledger reported on inventory.incidents
 * @param wallTime how long the sale took to play
 */
public record LiveOutcome(
    Outcome outcome,
    Map<String, Long> quotaChanges,
    Map<String, Long> fraudAlerts,
    long oversellIncidents,
    long deadLetters,
    Duration wallTime) {}
