package io.flashsale.inventory.allocation;

/**
 * A quota published to a marketplace, while the channel may still be selling against it. A Flink
 * POJO kept in keyed state.
 */
public final class QuotaVersion {
  public static final long UNKNOWN = Long.MIN_VALUE;

  public long version;
  public long quota;
  public long publishedAt;

  /** When the channel applied it, from its ack; UNKNOWN until then. */
  public long appliedAt = UNKNOWN;

  /** Units of reported orders attributed to this version. */
  public long sold;

  /** The channel reported it could not apply it: it never sold against it. */
  public boolean failed;

  public QuotaVersion() {}

  QuotaVersion(long version, long quota, long publishedAt) {
    this.version = version;
    this.quota = quota;
    this.publishedAt = publishedAt;
  }

  /** Units the channel may still sell against this version, as far as we can know. */
  long remaining() {
    return failed ? 0 : Math.max(0, quota - sold);
  }

  /** When the channel applied it, or at the latest will have: its ack, else publish + lag. */
  long appliedBy(long maxSyncLagMs) {
    return appliedAt != UNKNOWN ? appliedAt : publishedAt + maxSyncLagMs;
  }
}
