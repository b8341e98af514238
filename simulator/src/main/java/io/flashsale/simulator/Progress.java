package io.flashsale.simulator;

import java.time.Duration;
import java.util.Map;

/**
 * Where a live sale stands: how far through the scenario, and the running figures.
 *
 * @param soldUnits units sold per channel so far (own store: committed checkouts)
 */
public record Progress(
    Duration saleTime,
    Duration saleLength,
    long holdsGranted,
    long holdsRefused,
    Map<String, Long> soldUnits,
    long stockUnits,
    long quotaChanges,
    long fraudAlerts,
    long oversellIncidents) {

  public double fraction() {
    return Math.min(1, (double) saleTime.toMillis() / saleLength.toMillis());
  }

  public long sold() {
    return soldUnits.values().stream().mapToLong(Long::longValue).sum();
  }
}
