package io.flashsale.channels.push;

import java.util.HashMap;
import java.util.Map;

/**
 * The SKUs whose quota changed at least {@code threshold} times within a window: those are selling
 * now, so their quotas go out at once instead of waiting for the next batch.
 */
final class HotSkus {

  private final int threshold;
  private final long windowMillis;
  private final Map<String, long[]> changes = new HashMap<>();

  HotSkus(int threshold, long windowMillis) {
    this.threshold = threshold;
    this.windowMillis = windowMillis;
  }

  /** Counts one change of {@code sku}'s quota; whether the SKU is hot now. */
  boolean changed(String sku, long nowMillis) {
    long[] window = changes.get(sku);
    if (window == null || nowMillis - window[0] >= windowMillis) {
      window = new long[] {nowMillis, 0};
      changes.put(sku, window);
    }
    window[1]++;
    return window[1] >= threshold;
  }

  boolean isHot(String sku) {
    long[] window = changes.get(sku);
    return window != null && window[1] >= threshold;
  }

  /** Forgets the windows that ended, so only recently changed SKUs take memory. */
  void forgetBefore(long nowMillis) {
    changes.values().removeIf(window -> nowMillis - window[0] >= windowMillis);
  }
}
