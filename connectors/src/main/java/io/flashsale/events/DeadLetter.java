package io.flashsale.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * {@code deadletter} (key: source topic): a record that could not be parsed or broke a rule of the
 * contract, kept with the reason and the original text so nothing is lost.
 *
 * @param processedAt wall-clock time of the rejection
 */
public record DeadLetter(
    String sourceTopic,
    int partition,
    long offset,
    String reason,
    String payload,
    Instant processedAt) {

  /** The payload is cut at this many bytes of UTF-8. */
  public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

  /** A dead letter for the raw bytes read at {@code sourceTopic/partition/offset}. */
  public static DeadLetter of(
      String sourceTopic, int partition, long offset, String reason, byte[] payload, Instant now) {
    return new DeadLetter(sourceTopic, partition, offset, reason, cut(payload), now);
  }

  private static String cut(byte[] payload) {
    if (payload == null) {
      return "";
    }
    int length = Math.min(payload.length, MAX_PAYLOAD_BYTES);
    // Step back over UTF-8 continuation bytes so the cut never splits a character.
    while (length < payload.length && length > 0 && (payload[length] & 0xC0) == 0x80) {
      length--;
    }
    return new String(payload, 0, length, StandardCharsets.UTF_8);
  }
}
