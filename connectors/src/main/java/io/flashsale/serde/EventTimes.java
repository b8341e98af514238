package io.flashsale.serde;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * The contract's times: ISO-8601 UTC. Inputs may carry 0 to 9 fraction digits; outputs always carry
 * exactly three. Internally every time is truncated to the millisecond, the resolution of Flink's
 * event time.
 */
public final class EventTimes {

  private static final Pattern UTC_TIME =
      Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?Z");
  private static final DateTimeFormatter OUTPUT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private EventTimes() {}

  /**
   * Parses an input time.
   *
   * @throws IllegalArgumentException if it is not an ISO-8601 UTC time
   */
  public static Instant parse(String text) {
    if (!UTC_TIME.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "not an ISO-8601 UTC time such as 2026-11-27T10:00:00.000Z");
    }
    try {
      return LocalDateTime.parse(text.substring(0, text.length() - 1))
          .toInstant(ZoneOffset.UTC)
          .truncatedTo(ChronoUnit.MILLIS);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a valid date and time");
    }
  }

  /** Formats a time as the contract's outputs carry it, for example 2026-11-27T10:00:00.000Z. */
  public static String format(Instant time) {
    return OUTPUT.format(time);
  }
}
