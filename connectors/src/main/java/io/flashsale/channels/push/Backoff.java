package io.flashsale.channels.push;

import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: the n-th retry waits a random time between half and all of
 * {@code initial * 2^(n-1)}, never more than {@code max}, so that many SKUs retrying after one
 * outage spread out instead of hitting the recovering server together. A Retry-After from the
 * server is a floor.
 */
public record Backoff(Duration initial, Duration max) implements Serializable {

  public Backoff {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < initial <= max");
    }
  }

  /** The wait before retry number {@code retry} (1 for the first). */
  public long delayMillis(int retry, Duration retryAfter) {
    int doublings = Math.min(Math.max(retry, 1) - 1, 30);
    long ceiling = Math.min(max.toMillis(), initial.toMillis() << doublings);
    long jittered = ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
    long floor = retryAfter == null ? 0 : retryAfter.toMillis();
    return Math.max(jittered, floor);
  }
}
