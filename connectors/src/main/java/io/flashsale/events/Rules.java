package io.flashsale.events;

import java.time.Instant;
import java.util.Collection;
import java.util.regex.Pattern;

/**
 * The field rules of the contract's conventions, each failing with a reason a producer can act on.
 */
public final class Rules {

  /** SKU and channel ids: 1-64 characters of {@code [A-Za-z0-9._:-]}. */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  /**
   * Other identifiers (eventId, holdId, orderId, customerId, ...) are free text, but bounded so
   * that the state keyed on them stays bounded.
   */
  public static final int MAX_TEXT_LENGTH = 256;

  /** Coupon codes on one cart event; more than this is not a shopper. */
  public static final int MAX_LIST_SIZE = 64;

  private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,15}(\\.[0-9]{1,9})?");
  private static final int MAX_QUOTED_VALUE = 80;

  private Rules() {}

  public static void present(String field, Object value) {
    if (value == null) {
      throw new InvalidEventException("missing field '" + field + "'");
    }
  }

  public static void id(String field, String value) {
    present(field, value);
    if (!ID.matcher(value).matches()) {
      throw new InvalidEventException(
          "field '" + field + "' must be 1-64 characters of [A-Za-z0-9._:-], got " + quote(value));
    }
  }

  public static void ids(String field, Collection<String> values) {
    present(field, values);
    listSize(field, values);
    for (String value : values) {
      id(field + "[]", value);
    }
  }

  public static void text(String field, String value) {
    present(field, value);
    if (value.isEmpty() || value.length() > MAX_TEXT_LENGTH) {
      throw new InvalidEventException(
          "field '"
              + field
              + "' must be 1-"
              + MAX_TEXT_LENGTH
              + " characters, got "
              + quote(value));
    }
  }

  public static void optionalText(String field, String value) {
    if (value != null) {
      text(field, value);
    }
  }

  public static void optionalTexts(String field, Collection<String> values) {
    if (values != null) {
      listSize(field, values);
      for (String value : values) {
        text(field + "[]", value);
      }
    }
  }

  public static void positive(String field, long value) {
    if (value <= 0) {
      throw new InvalidEventException(
          "field '" + field + "' must be a positive integer, got " + value);
    }
  }

  public static void atLeast(String field, long value, long minimum) {
    if (value < minimum) {
      throw new InvalidEventException(
          "field '" + field + "' must be at least " + minimum + ", got " + value);
    }
  }

  public static void optionalPositive(String field, Integer value) {
    if (value != null) {
      positive(field, value);
    }
  }

  public static void optionalRange(String field, Double value, double min, double max) {
    if (value != null && !(value >= min && value <= max)) {
      throw new InvalidEventException(
          "field '" + field + "' must be between " + min + " and " + max + ", got " + value);
    }
  }

  public static void optionalDecimal(String field, String value) {
    if (value != null && !DECIMAL.matcher(value).matches()) {
      throw new InvalidEventException(
          "field '" + field + "' must be a decimal string such as \"19.99\", got " + quote(value));
    }
  }

  public static void before(
      String earlierField, Instant earlier, String laterField, Instant later) {
    present(earlierField, earlier);
    present(laterField, later);
    if (!earlier.isBefore(later)) {
      throw new InvalidEventException(
          "field '" + earlierField + "' must be before '" + laterField + "'");
    }
  }

  private static void listSize(String field, Collection<?> values) {
    if (values.size() > MAX_LIST_SIZE) {
      throw new InvalidEventException(
          "field '" + field + "' has " + values.size() + " entries, more than " + MAX_LIST_SIZE);
    }
  }

  private static String quote(String value) {
    String shown =
        value.length() <= MAX_QUOTED_VALUE ? value : value.substring(0, MAX_QUOTED_VALUE) + "...";
    return "'" + shown + "'";
  }
}
