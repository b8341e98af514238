package io.flashsale.inventory.allocation;

import java.util.ArrayList;
import java.util.List;

/** What the ledger knows of one channel for one SKU. A Flink POJO kept in keyed state. */
public final class ChannelState {
  public String channel;

  /** The last quota published to the channel, and its version (0 before the first). */
  public long quota;

  public long quotaVersion;
  public boolean listingPaused;

  /** Published versions the channel may still sell against, oldest first (marketplaces). */
  public List<QuotaVersion> versions = new ArrayList<>();

  /** The exposure last added to the job's per-channel gauge for this SKU. */
  public long exposureReported;

  public DemandEstimate demand = new DemandEstimate();

  /** End of the last demand window observed; demand windows that never fired sold nothing. */
  public long lastSampleEnd = Long.MIN_VALUE;

  /** A forecast from demand.forecasts, used while valid; negative when there is none. */
  public double externalPerHour = -1;

  public long externalFrom;
  public long externalTo;

  public ChannelState() {}

  ChannelState(String channel) {
    this.channel = channel;
  }

  public boolean hasExternalForecastAt(long time) {
    return externalPerHour >= 0 && externalFrom <= time && time < externalTo;
  }
}
