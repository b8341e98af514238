package io.flashsale.udfs;

import org.apache.flink.table.functions.ScalarFunction;

/**
 * {@code DEVIATION_RATIO(actual, expected)}: how far {@code actual} is from {@code expected}, as a
 * share of {@code expected}: {@code (actual - expected) / expected}. 30 against 20 is 0.5, 10
 * against 20 is -0.5. Takes two BIGINTs or two DOUBLEs and returns a DOUBLE. NULL when either input
 * is NULL or {@code expected} is 0 or below, where a ratio means nothing.
 *
 * <pre>
 * CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS DEVIATION_RATIO
 *   AS 'io.flashsale.udfs.DeviationRatio' LANGUAGE JAVA USING JAR 'udfs/target/flashsale-udfs.jar';
 * </pre>
 */
public class DeviationRatio extends ScalarFunction {

  public Double eval(Long actual, Long expected) {
    if (actual == null || expected == null) {
      return null;
    }
    // Subtract as doubles: actual - expected as longs can overflow at the extremes.
    return ratio((double) actual, (double) expected);
  }

  public Double eval(Double actual, Double expected) {
    if (actual == null || expected == null) {
      return null;
    }
    return ratio(actual, expected);
  }

  private static Double ratio(double actual, double expected) {
    return expected > 0 ? (actual - expected) / expected : null;
  }
}
