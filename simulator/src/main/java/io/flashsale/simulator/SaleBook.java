package io.flashsale.simulator;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What happened to each SKU's stock under one policy, counted the same way for every policy: units
 * sold per channel, demand turned away, checkouts refused after a hold. Thread-safe: the live run
 * counts from several threads.
 */
final class SaleBook {

  private final Map<String, Long> stock = new HashMap<>();
  private final Map<String, Long> soldBySku = new HashMap<>();
  private final Map<String, Long> soldByChannel = new TreeMap<>();
  private final Map<String, Long> unmetBySku = new HashMap<>();
  private long checkouts;
  private long rejectedAfterHold;

  SaleBook(Scenario scenario) {
    for (String sku : scenario.products().skus()) {
      stock.put(sku, (long) scenario.products().stock());
    }
    for (String channel : scenario.channels()) {
      soldByChannel.put(channel, 0L);
    }
  }

  synchronized void sold(String channel, String sku, long units) {
    soldBySku.merge(sku, units, Long::sum);
    soldByChannel.merge(channel, units, Long::sum);
  }

  /** A genuine shopper or buyer went without {@code units}. */
  synchronized void unmet(String sku, long units) {
    unmetBySku.merge(sku, units, Long::sum);
  }

  synchronized void checkout() {
    checkouts++;
  }

  synchronized void rejectedAfterHold() {
    rejectedAfterHold++;
  }

  synchronized Outcome outcome(String policy) {
    long oversold = 0;
    long stranded = 0;
    long stockUnits = 0;
    for (Map.Entry<String, Long> sku : stock.entrySet()) {
      long units = sku.getValue();
      long sold = soldBySku.getOrDefault(sku.getKey(), 0L);
      stockUnits += units;
      oversold += Math.max(0, sold - units);
      stranded += Math.min(Math.max(0, units - sold), unmetBySku.getOrDefault(sku.getKey(), 0L));
    }
    long unmet = unmetBySku.values().stream().mapToLong(Long::longValue).sum();
    return new Outcome(
        policy,
        stockUnits,
        new TreeMap<>(soldByChannel),
        oversold,
        stranded,
        checkouts,
        rejectedAfterHold,
        unmet);
  }
}
