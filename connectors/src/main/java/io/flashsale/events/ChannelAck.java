package io.flashsale.events;

import java.time.Instant;

/**
 * {@code channel.acks} (key: sku): a channel connector's report that a channel applied a quota, or
 * failed to. Its event time is {@code appliedAt}.
 */
public record ChannelAck(
    String eventId,
    String channel,
    String sku,
    Long quota,
    Long quotaVersion,
    AckStatus status,
    Instant appliedAt,
    String error)
    implements InputEvent {

  @Override
  public Instant eventTime() {
    return appliedAt;
  }

  @Override
  public void validate() {
    Rules.text("eventId", eventId);
    Rules.id("channel", channel);
    Rules.id("sku", sku);
    Rules.present("quota", quota);
    Rules.atLeast("quota", quota, 0);
    Rules.present("quotaVersion", quotaVersion);
    Rules.positive("quotaVersion", quotaVersion);
    Rules.present("status", status);
    Rules.present("appliedAt", appliedAt);
    if (error != null && error.length() > 4 * Rules.MAX_TEXT_LENGTH) {
      throw new InvalidEventException(
          "field 'error' must be at most " + 4 * Rules.MAX_TEXT_LENGTH + " characters");
    }
  }
}
