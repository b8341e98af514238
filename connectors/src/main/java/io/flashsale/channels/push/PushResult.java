package io.flashsale.channels.push;

import java.time.Duration;
import java.time.Instant;

/** What a channel answered to one quota update. */
public sealed interface PushResult {

  /** The channel took the quota at {@code appliedAt}. */
  record Applied(Instant appliedAt) implements PushResult {}

  /**
   * The channel could not take it now (throttled, unavailable, too slow): try again later, not
   * before {@code retryAfter} if the channel said so (null otherwise).
   */
  record Retry(String reason, Duration retryAfter) implements PushResult {}

  /** The channel refused the update for good: retrying the same request cannot succeed. */
  record Refused(String reason) implements PushResult {}

  static Retry retry(String reason) {
    return new Retry(reason, null);
  }

  /** The same result, its reason preceded by {@code context}. */
  default PushResult within(String context) {
    if (this instanceof Retry retry) {
      return new Retry(context + ": " + retry.reason(), retry.retryAfter());
    }
    if (this instanceof Refused refused) {
      return new Refused(context + ": " + refused.reason());
    }
    return this;
  }
}
