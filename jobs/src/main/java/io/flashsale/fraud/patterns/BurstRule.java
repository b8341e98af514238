package io.flashsale.fraud.patterns;

import java.time.Duration;

/**
 * A rule that counts: {@link #count()} events of one key within {@link #window()}, each bringing a
 * {@link Distinct} value that no earlier one in the window brought. {@link BurstWindow} says
 * exactly when that matches. The subject of a match is its key.
 */
public interface BurstRule extends FraudRule {

  /** What the events must differ in. */
  Distinct distinct();

  /** The events a match takes. */
  int count();

  /** First to last of them is shorter than this. */
  Duration window();
}
