package io.flashsale.channels.push;

import java.time.Instant;

/** Where a {@link ChannelPusher} reports what became of each quota it was given. */
public interface PushOutcomes {

  /** The channel applied the quota. */
  void applied(QuotaPush push, Instant appliedAt);

  /** The channel refused the quota for good. */
  void refused(QuotaPush push, String reason);
}
