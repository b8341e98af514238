package io.flashsale.channels.push;

/**
 * A token bucket: {@code capacity} tokens, refilled at {@code refillPerSecond}, each request taking
 * {@code cost} of them. With a cost of 1 it is a plain requests-per-second limit with a burst
 * (Amazon, Walmart); Shopify's cost-based leaky bucket is the same bucket counted in query cost
 * points, corrected from the throttle status the shop reports after each call.
 */
public final class RateBucket {

  private double capacity;
  private double refillPerSecond;
  private double cost;
  private double available;
  private long updatedAtMillis;

  public RateBucket(double capacity, double refillPerSecond, double cost) {
    if (capacity < cost || refillPerSecond <= 0 || cost <= 0) {
      throw new IllegalArgumentException(
          "a rate bucket needs capacity >= cost > 0 and a positive refill rate");
    }
    this.capacity = capacity;
    this.refillPerSecond = refillPerSecond;
    this.cost = cost;
    this.available = capacity;
    this.updatedAtMillis = Long.MIN_VALUE;
  }

  /** Requests per second with a burst of {@code burst} requests. */
  public static RateBucket perSecond(double requestsPerSecond, int burst) {
    return new RateBucket(Math.max(1, burst), requestsPerSecond, 1);
  }

  /**
   * {@code requests-per-second} (default 5) with a {@code burst} (default 10) from a channel's
   * settings.
   */
  public static RateBucket perSecond(ChannelSettings settings) {
    return perSecond(settings.number("requests-per-second", 5), settings.integer("burst", 10));
  }

  /** Milliseconds to wait for the next request; 0 takes its tokens now. */
  public synchronized long reserve(long nowMillis) {
    refill(nowMillis);
    if (available >= cost) {
      available -= cost;
      return 0;
    }
    return Math.max(1, (long) Math.ceil((cost - available) * 1000 / refillPerSecond));
  }

  /** What the channel reported after a call: its bucket as it sees it, and the call's cost. */
  public synchronized void observe(
      double reportedAvailable,
      double reportedCapacity,
      double reportedRefillPerSecond,
      double lastCost,
      long nowMillis) {
    if (reportedCapacity > 0 && reportedRefillPerSecond > 0) {
      capacity = reportedCapacity;
      refillPerSecond = reportedRefillPerSecond;
    }
    if (lastCost > 0) {
      cost = Math.min(lastCost, capacity);
    }
    available = Math.max(0, Math.min(reportedAvailable, capacity));
    updatedAtMillis = nowMillis;
  }

  private void refill(long nowMillis) {
    if (updatedAtMillis != Long.MIN_VALUE && nowMillis > updatedAtMillis) {
      available =
          Math.min(capacity, available + (nowMillis - updatedAtMillis) * refillPerSecond / 1000);
    }
    updatedAtMillis = Math.max(updatedAtMillis, nowMillis);
  }
}
