package io.flashsale.events;

import java.time.Instant;

/** {@code channel.quotas} (key: {@code sku|channel}, compacted): what a channel may sell now. */
public record ChannelQuota(
    String sku,
    String channel,
    long quota,
    long previousQuota,
    long quotaVersion,
    QuotaReason reason,
    boolean listingPaused,
    Instant effectiveAt) {

  /** The record key on the quotas topic, for example {@code SKU-1|amazon}. */
  public String key() {
    return sku + "|" + channel;
  }
}
