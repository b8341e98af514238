package io.flashsale.inventory.allocation;

import io.flashsale.events.AllocationOverride;
import java.util.ArrayList;
import java.util.List;

/**
 * A SKU's allocation: its channels and what drives its rebalancing. A Flink POJO in keyed state.
 */
public final class AllocationState {
  public List<ChannelState> channels = new ArrayList<>();

  /** When the next scheduled rebalance is due, or MIN_VALUE before the first rebalance. */
  public long scheduledRebalance = Long.MIN_VALUE;

  /**
   * The sales in effect at the last rebalance, by saleId: a change is a sale starting or ending.
   */
  public List<String> salesInEffect = new ArrayList<>();

  /** The latest operator override for this SKU, or null. */
  public AllocationOverride override;

  public long lastDeviationRebalance = Long.MIN_VALUE;

  /** The last FBA replenishment advice published, or -1. */
  public long fbaRecommended = -1;

  public ChannelState channel(String id) {
    for (ChannelState state : channels) {
      if (state.channel.equals(id)) {
        return state;
      }
    }
    ChannelState state = new ChannelState(id);
    channels.add(state);
    return state;
  }
}
