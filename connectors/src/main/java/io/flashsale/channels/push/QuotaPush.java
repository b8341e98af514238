package io.flashsale.channels.push;

import io.flashsale.events.ChannelQuota;

/**
 * A quota to apply on its channel, with where it was read, so that a quota the channel refuses can
 * be sent to the dead-letter topic naming its record.
 */
public record QuotaPush(ChannelQuota quota, String topic, int partition, long offset) {

  public String channel() {
    return quota.channel();
  }

  public String sku() {
    return quota.sku();
  }

  public long version() {
    return quota.quotaVersion();
  }
}
