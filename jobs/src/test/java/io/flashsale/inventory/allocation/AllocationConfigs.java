package io.flashsale.inventory.allocation;

import io.flashsale.channels.ChannelConfig;
import io.flashsale.channels.ChannelKind;
import java.time.Duration;
import java.util.List;

/** Allocation configurations for tests. */
public final class AllocationConfigs {

  private AllocationConfigs() {}

  public static ChannelConfig channel(
      String id, ChannelKind kind, double weight, int min, Duration lag) {
    return new ChannelConfig(id, kind, weight, min, lag, "none");
  }

  /**
   * Only the own store, no buffer, no overbooking, no low-stock mode: the ledger's rules on their
   * own, as if there were no allocation.
   */
  public static AllocationConfig directOnly() {
    return new AllocationConfig(
        List.of(channel("web", ChannelKind.DIRECT, 1.5, 0, Duration.ZERO)), policy(0, 0, 0, 1.0));
  }

  /**
   * The shipped policy's timing and demand settings, with these buffer, low-stock and cap values.
   */
  public static AllocationPolicy policy(
      double bufferPercent, double maxBufferPercent, int lowStockThreshold, double overbookingCap) {
    AllocationPolicy defaults = AllocationConfig.defaults().policy();
    return new AllocationPolicy(
        bufferPercent,
        maxBufferPercent,
        lowStockThreshold,
        defaults.hysteresisUnits(),
        defaults.hysteresisPercent(),
        defaults.rebalanceInterval(),
        defaults.deviationThreshold(),
        defaults.minimumDeviationPerHour(),
        defaults.demandWindow(),
        defaults.demandSlide(),
        defaults.horizon(),
        overbookingCap,
        defaults.conversionPriorCheckouts(),
        defaults.conversionPriorHolds(),
        defaults.fbaDaysOfCover());
  }
}
