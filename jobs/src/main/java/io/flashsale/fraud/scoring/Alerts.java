package io.flashsale.fraud.scoring;

import io.flashsale.events.FraudAction;
import io.flashsale.events.FraudAlert;
import io.flashsale.serde.EventTimes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** Turns a subject's counting signals into the alert that flags it. */
public final class Alerts {

  private Alerts() {}

  /**
   * The alert raised by {@code trigger}, the signal that took the score to {@code score}, over
   * every signal that counts for the subject (including the trigger).
   */
  public static FraudAlert of(Signal trigger, List<Signal> counting, int score, int threshold) {
    Instant windowStart =
        counting.stream().map(Signal::windowStart).min(Comparator.naturalOrder()).orElseThrow();
    Instant windowEnd = trigger.windowEnd();
    return new FraudAlert(
        alertId(trigger, windowStart),
        trigger.pattern(),
        score,
        threshold,
        FraudAction.REVIEW,
        trigger.subjectType(),
        trigger.subject(),
        Signal.common(counting, Signal::customerId),
        Signal.common(counting, Signal::deviceId),
        Signal.common(counting, Signal::ip),
        Signal.common(counting, Signal::couponCode),
        counting.stream().flatMap(s -> s.evidenceEventIds().stream()).distinct().toList(),
        windowStart,
        windowEnd,
        windowEnd);
  }

  /**
   * A name-based UUID of the pattern (and the rule within it), the subject and the window: the same
   * evidence gives the same id on every replay, so consumers and the review table drop repeats by
   * id. Two alerts of one subject never share it: a second alert needs a higher score, so a rule
   * that did not count yet, scored after the first (a later window end, or the same end and another
   * rule).
   */
  static String alertId(Signal trigger, Instant windowStart) {
    String name =
        String.join(
            "|",
            trigger.pattern().name(),
            trigger.rule(),
            trigger.subjectType().name(),
            trigger.subject(),
            EventTimes.format(windowStart),
            EventTimes.format(trigger.windowEnd()));
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
