package io.flashsale.fraud.patterns;

import java.time.Duration;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;

/** The CEP shape most rules share: so many distinct somethings within so long. */
final class Bursts {

  static final String STAGE = "burst";

  private Bursts() {}

  /**
   * {@code count} events of one key, each bringing a new {@link Distinct} value, with at most
   * {@code window} (exclusive) between the first and the last. Other events of the key in between
   * are skipped over. After a match the next one starts after its last event, so a long burst gives
   * one match per {@code count} events, not one per combination.
   */
  static Pattern<RuleEvent, RuleEvent> of(Distinct distinct, int count, Duration window) {
    return Pattern.<RuleEvent>begin(STAGE, AfterMatchSkipStrategy.skipPastLastEvent())
        .where(new NewValue(STAGE, distinct))
        .times(count)
        .within(window);
  }

  static void check(String rule, int count, Duration window, int weight) {
    if (count < 2) {
      throw new IllegalArgumentException(rule + ": a burst needs a count of at least 2");
    }
    checkWindow(rule, window);
    checkWeight(rule, weight);
  }

  static void checkWindow(String rule, Duration window) {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException(rule + ": the window must be positive");
    }
  }

  static void checkWeight(String rule, int weight) {
    if (weight < 1 || weight > 100) {
      throw new IllegalArgumentException(rule + ": the weight must be 1-100, got " + weight);
    }
  }
}
