package io.flashsale.udfs;

import org.apache.flink.table.functions.ScalarFunction;

/**
 * {@code IS_SPIKE(value, baseline, factor [, floor])}: TRUE when {@code value} reaches {@code
 * factor} times its baseline, {@code value >= factor * max(baseline, floor)}. The floor (1 unless
 * given) keeps a quiet baseline from turning every blip into a spike: against a baseline of 0 with
 * factor 3, a value of 3 is a spike and a value of 1 is not.
 *
 * <p>{@code value} and {@code baseline} are two BIGINTs or two DOUBLEs; {@code factor} and {@code
 * floor} are DOUBLE, and INT or DECIMAL literals such as {@code 3} or {@code 2.5} are cast to it.
 * NULL {@code value}, {@code factor} or {@code floor} gives NULL; a NULL {@code baseline} (no
 * history yet) gives FALSE, since nothing can be said to have spiked from nothing known.
 *
 * <pre>
 * CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS IS_SPIKE
 *   AS 'io.flashsale.udfs.IsSpike' LANGUAGE JAVA USING JAR 'udfs/target/flashsale-udfs.jar';
 * </pre>
 */
public class IsSpike extends ScalarFunction {

  static final double DEFAULT_FLOOR = 1.0;

  public Boolean eval(Long value, Long baseline, Double factor) {
    return eval(value, baseline, factor, DEFAULT_FLOOR);
  }

  public Boolean eval(Long value, Long baseline, Double factor, Double floor) {
    return eval(
        value == null ? null : value.doubleValue(),
        baseline == null ? null : baseline.doubleValue(),
        factor,
        floor);
  }

  public Boolean eval(Double value, Double baseline, Double factor) {
    return eval(value, baseline, factor, DEFAULT_FLOOR);
  }

  public Boolean eval(Double value, Double baseline, Double factor, Double floor) {
    if (value == null || factor == null || floor == null) {
      return null;
    }
    if (baseline == null) {
      return false;
    }
    return value >= factor * Math.max(baseline, floor);
  }
}
