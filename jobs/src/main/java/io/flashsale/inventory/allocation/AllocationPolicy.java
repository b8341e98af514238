package io.flashsale.inventory.allocation;

import java.io.Serializable;
import java.time.Duration;

/** How each SKU's stock is split among channels; documented in flink-conf/allocation.yaml. */
public record AllocationPolicy(
    double bufferPercent,
    double maxBufferPercent,
    int lowStockThreshold,
    int hysteresisUnits,
    double hysteresisPercent,
    Duration rebalanceInterval,
    double deviationThreshold,
    double minimumDeviationPerHour,
    Duration demandWindow,
    Duration demandSlide,
    Duration horizon,
    double overbookingCap,
    double conversionPriorCheckouts,
    double conversionPriorHolds,
    int fbaDaysOfCover)
    implements Serializable {

  public AllocationPolicy {
    if (bufferPercent < 0 || maxBufferPercent < bufferPercent || maxBufferPercent > 100) {
      throw new IllegalArgumentException("need 0 <= bufferPercent <= maxBufferPercent <= 100");
    }
    if (overbookingCap < 1) {
      throw new IllegalArgumentException("overbookingCap must be at least 1");
    }
    if (conversionPriorCheckouts < 0 || conversionPriorHolds <= conversionPriorCheckouts) {
      throw new IllegalArgumentException(
          "need 0 <= conversionPriorCheckouts < conversionPriorHolds");
    }
    if (demandWindow.compareTo(demandSlide) < 0 || demandSlide.isZero() || horizon.isZero()) {
      throw new IllegalArgumentException("need demandWindow >= demandSlide > 0 and a horizon");
    }
  }

  public double horizonHours() {
    return horizon.toMillis() / 3_600_000.0;
  }
}
