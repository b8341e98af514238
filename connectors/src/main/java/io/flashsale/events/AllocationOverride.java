package io.flashsale.events;

import java.time.Instant;
import java.util.List;

/**
 * {@code allocation.overrides} (key: sku, compacted): an operator's settings for one SKU, replacing
 * the configured defaults while the job runs. The latest record of a SKU (by occurredAt) applies;
 * absent fields keep the default. It rebalances the SKU at once (reason MANUAL).
 */
public record AllocationOverride(
    String eventId,
    String sku,
    Double bufferPercent,
    Integer lowStockThreshold,
    List<ChannelOverride> channels,
    Instant occurredAt)
    implements InputEvent {

  @Override
  public Instant eventTime() {
    return occurredAt;
  }

  @Override
  public void validate() {
    Rules.text("eventId", eventId);
    Rules.id("sku", sku);
    Rules.optionalRange("bufferPercent", bufferPercent, 0, 100);
    if (lowStockThreshold != null) {
      Rules.atLeast("lowStockThreshold", lowStockThreshold, 0);
    }
    if (channels != null) {
      if (channels.size() > Rules.MAX_LIST_SIZE) {
        throw new InvalidEventException("field 'channels' has too many entries");
      }
      for (ChannelOverride channel : channels) {
        Rules.present("channels[]", channel);
        channel.validate();
      }
    }
    Rules.present("occurredAt", occurredAt);
  }
}
