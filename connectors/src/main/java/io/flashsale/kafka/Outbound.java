package io.flashsale.kafka;

import io.flashsale.serde.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A record for an output topic, already serialized. Every output of a job is turned into these so
 * that one transactional sink writes them all: what a consumer reads commits atomically.
 */
public record Outbound(String topic, byte[] key, byte[] value, long timestamp) {

  /** The event as contract JSON under {@code key}, stamped with its event time. */
  public static Outbound json(String topic, String key, Object event, Instant eventTime) {
    return new Outbound(
        topic,
        key.getBytes(StandardCharsets.UTF_8),
        EventJson.write(event),
        eventTime.toEpochMilli());
  }
}
