package io.flashsale.fraud.scoring;

import io.flashsale.events.CartEvent;
import io.flashsale.events.FraudPattern;
import io.flashsale.events.SubjectType;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One match of one rule: what it says about whom, and the events that show it.
 *
 * @param rule the rule's name; a subject's score counts each rule once
 * @param weight what the match adds to the subject's risk
 * @param windowStart the event time of the first event of the match
 * @param windowEnd the event time of the last event of the match: when the signal happened
 * @param channel the channel of the last event, which decides whether a sale is in effect
 * @param sku the SKU of the last event, likewise
 * @param customerId the customer of every event of the match, or null if they differ
 * @param deviceId the device of every event, or null if they differ or none is known
 * @param ip the IP of every event, or null if they differ or none is known
 * @param couponCode the one coupon code the events used, or null if they used none or several
 */
public record Signal(
    String rule,
    FraudPattern pattern,
    SubjectType subjectType,
    String subject,
    int weight,
    List<String> evidenceEventIds,
    Instant windowStart,
    Instant windowEnd,
    String channel,
    String sku,
    String customerId,
    String deviceId,
    String ip,
    String couponCode) {

  /** The order in which a subject's signals are scored: by time, then deterministically. */
  public static final Comparator<Signal> ORDER =
      Comparator.comparing(Signal::windowEnd)
          .thenComparing(Signal::rule)
          .thenComparing(s -> s.evidenceEventIds().get(0));

  /** The signal of a match over {@code events}, given in event-time order. */
  public static Signal of(
      String rule,
      FraudPattern pattern,
      SubjectType subjectType,
      String subject,
      int weight,
      List<CartEvent> events) {
    CartEvent first = events.get(0);
    CartEvent last = events.get(events.size() - 1);
    return new Signal(
        rule,
        pattern,
        subjectType,
        subject,
        weight,
        events.stream().map(CartEvent::eventId).distinct().toList(),
        first.occurredAt(),
        last.occurredAt(),
        last.channel(),
        last.sku(),
        subjectType == SubjectType.CUSTOMER ? subject : common(events, CartEvent::customerId),
        subjectType == SubjectType.DEVICE ? subject : common(events, CartEvent::deviceId),
        subjectType == SubjectType.IP ? subject : common(events, CartEvent::ip),
        subjectType == SubjectType.COUPON
            ? subject
            : single(events.stream().flatMap(e -> codes(e).stream()).toList()));
  }

  /** The one value all of {@code items} agree on, ignoring unknowns; null if there is none. */
  static <T> String common(Collection<T> items, Function<T, String> value) {
    return single(items.stream().map(value).filter(Objects::nonNull).toList());
  }

  private static String single(List<String> values) {
    List<String> distinct = values.stream().distinct().toList();
    return distinct.size() == 1 ? distinct.get(0) : null;
  }

  private static List<String> codes(CartEvent event) {
    return event.couponCodes() == null ? List.of() : event.couponCodes();
  }
}
