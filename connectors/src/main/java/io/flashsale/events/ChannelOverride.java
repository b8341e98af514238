package io.flashsale.events;

/**
 * One channel's settings in an {@link AllocationOverride}; absent fields keep the configured value.
 *
 * @param paused true stops publishing units to the channel (quota 0, listingPaused)
 */
public record ChannelOverride(String channel, Double weight, Integer minUnits, Boolean paused) {

  void validate() {
    Rules.id("channels[].channel", channel);
    Rules.optionalRange("channels[].weight", weight, 0, 1_000);
    if (minUnits != null) {
      Rules.atLeast("channels[].minUnits", minUnits, 0);
    }
  }
}
