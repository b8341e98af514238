package io.flashsale.inventory.ledger;

import java.util.HashMap;
import java.util.Map;

/**
 * What one ledger subtask's SKUs add up to: the live holds and what each marketplace may still
 * sell. Kept up to date from the changes the ledger makes, and kept in the checkpoint beside the
 * keyed state it sums, so the gauges read from it come back exact with the job. A Flink POJO.
 */
public final class LedgerTotals {
  public long holds;
  public long unitsHeld;
  public Map<String, Long> exposure = new HashMap<>();

  void add(LedgerTotals other) {
    holds += other.holds;
    unitsHeld += other.unitsHeld;
    other.exposure.forEach((channel, units) -> exposure.merge(channel, units, Long::sum));
  }

  long exposure(String channel) {
    return exposure.getOrDefault(channel, 0L);
  }
}
