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
   * applied by then, else the oldest open one. Units beyond that version's remainder come from the
   * next open versions, so exposure falls by exactly what the channel reported selling; where the
   * guess is wrong it can only overstate what the channel may still sell. A cancellation counts
   * negative units, given back to that version.
   */
  public static void attribute(List<QuotaVersion> versions, long units, long placedAt) {
    int start = -1;
    for (int i = 0; i < versions.size(); i++) {
      QuotaVersion open = versions.get(i);
      if (!open.failed) {
        boolean appliedBefore =
            open.appliedAt != QuotaVersion.UNKNOWN && open.appliedAt <= placedAt;
        if (start < 0 || appliedBefore) {
          start = i;
        }
      }
    }
    if (start < 0) {
      return;
    }
    if (units < 0) {
      QuotaVersion target = versions.get(start);
      target.sold = Math.max(0, target.sold + units);
      return;
    }
    long left = units;
    for (int i = start; i < versions.size() && left > 0; i++) {
      QuotaVersion open = versions.get(i);
      if (!open.failed) {
        long taken = i == versions.size() - 1 ? left : Math.min(left, open.remaining());
        open.sold += taken;
        left -= taken;
      }
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
