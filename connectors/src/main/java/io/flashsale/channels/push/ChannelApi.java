package io.flashsale.channels.push;

import io.flashsale.events.ChannelQuota;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One channel's inventory API: sets the quantity a channel may sell to a quota. Implementations
 * never fail their futures: every outcome, network errors included, is a {@link PushResult}.
 */
public interface ChannelApi extends AutoCloseable {

  /** Sets one SKU's sellable quantity to {@code quota.quota()}. */
  CompletableFuture<PushResult> push(ChannelQuota quota);

  /**
   * The most quotas one {@link #pushBatch} call takes; 0 if the channel has no batch interface, in
   * which case every quota is pushed on its own.
   */
  default int maxBatch() {
    return 0;
  }

  /** Sets many SKUs' quantities in one submission; the result of each, by SKU. */
  default CompletableFuture<Map<String, PushResult>> pushBatch(List<ChannelQuota> quotas) {
    throw new UnsupportedOperationException("this channel has no batch interface");
  }

  /**
   * How long to wait before the next request so as to stay within the channel's rate limit, in
   * milliseconds; 0 reserves the request's place now.
   */
  long reserveRequest(long nowMillis);

  @Override
  default void close() {}
}
