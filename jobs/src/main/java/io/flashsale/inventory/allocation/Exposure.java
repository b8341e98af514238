package io.flashsale.inventory.allocation;

import java.util.List;

/**
 * What a marketplace may still sell, under sync lag. Quotas are absolute: a channel that sold its
 * old quota without reporting it yet, then applies a new one, sells the new one on top. So a
 * version stays exposed until a newer version has been applied (acked, or assumed once the
 * channel's maximum sync lag has passed) and the lag for orders placed under it to be reported has
 * passed too. Reported orders are counted against the version they were placed under.
 */
public final class Exposure {

  private Exposure() {}

  /** Units the channel may still sell: the remaining units of every open version. */
  public static long of(List<QuotaVersion> versions) {
    long exposed = 0;
    for (QuotaVersion version : versions) {
      exposed += version.remaining();
    }
    return exposed;
  }

  /** The open versions' remaining units but the newest one's: what a new quota cannot reclaim. */
  public static long locked(List<QuotaVersion> versions) {
    return versions.isEmpty() ? 0 : of(versions) - versions.get(versions.size() - 1).remaining();
  }

  /** The newest version's remaining units. */
  public static long current(List<QuotaVersion> versions) {
    return versions.isEmpty() ? 0 : versions.get(versions.size() - 1).remaining();
  }

  public static void publish(List<QuotaVersion> versions, long version, long quota, long at) {
    versions.add(new QuotaVersion(version, quota, at));
  }

  public static void acknowledge(
      List<QuotaVersion> versions, long version, boolean applied, long appliedAt) {
    for (QuotaVersion open : versions) {
      if (open.version == version) {
        if (applied) {
          open.appliedAt = appliedAt;
        } else {
          open.failed = true;
        }
      }
    }
  }

  /**
   * Counts an order's units against the version it was placed under: the newest version known to be
   * applied by then, else the oldest open one. A cancellation counts negative units.
   */
  public static void attribute(List<QuotaVersion> versions, long units, long placedAt) {
    QuotaVersion target = null;
    for (QuotaVersion open : versions) {
      if (!open.failed && open.appliedAt != QuotaVersion.UNKNOWN && open.appliedAt <= placedAt) {
        target = open;
      }
    }
    if (target == null) {
      target = versions.stream().filter(v -> !v.failed).findFirst().orElse(null);
    }
    if (target != null) {
      target.sold = Math.max(0, target.sold + units);
    }
  }

  /** Drops the versions the channel can no longer sell against; failed versions go at once. */
  public static void close(List<QuotaVersion> versions, long now, long maxSyncLagMs) {
    long supersededBefore = Long.MIN_VALUE;
    for (QuotaVersion open : versions) {
      if (!open.failed && open.appliedBy(maxSyncLagMs) + maxSyncLagMs <= now) {
        supersededBefore = open.version;
      }
    }
    long newest = versions.isEmpty() ? 0 : versions.get(versions.size() - 1).version;
    long closeBelow = supersededBefore;
    versions.removeIf(v -> (v.failed && v.version != newest) || v.version < closeBelow);
  }

  /** When {@link #close} will next drop a version, or MAX_VALUE if none is waiting. */
  public static long nextClose(List<QuotaVersion> versions, long maxSyncLagMs) {
    long next = Long.MAX_VALUE;
    for (int i = 1; i < versions.size(); i++) {
      QuotaVersion newer = versions.get(i);
      if (!newer.failed) {
        next = Math.min(next, newer.appliedBy(maxSyncLagMs) + maxSyncLagMs);
      }
    }
    return next;
  }
}
