package io.flashsale.fraud.patterns;

import java.time.Duration;

/** The checks the rules' settings share. */
final class Bursts {

  private Bursts() {}

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
