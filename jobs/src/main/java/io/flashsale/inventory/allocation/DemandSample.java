package io.flashsale.inventory.allocation;

/**
 * Units a channel sold of a SKU in one sliding demand window ending at {@code windowEnd}: checkouts
 * on DIRECT channels, orders on the others.
 */
public record DemandSample(
    String sku, String channel, long windowEnd, long windowMillis, long units) {

  public double perHour() {
    return units * 3_600_000.0 / windowMillis;
  }
}
