package io.flashsale.udfs;

import org.apache.flink.table.functions.ScalarFunction;

/**
 * {@code SELL_THROUGH(units_sold, units_received)}: the share of received units that sold, from 0
 * to 1. NULL when either input is NULL or nothing was received; sales beyond what was received (an
 * oversell) count as 1.
 *
 * <pre>
 * CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS SELL_THROUGH
 *   AS 'io.flashsale.udfs.SellThrough' LANGUAGE JAVA USING JAR 'udfs/target/flashsale-udfs.jar';
 * </pre>
 */
public class SellThrough extends ScalarFunction {

  public Double eval(Long unitsSold, Long unitsReceived) {
    if (unitsSold == null || unitsReceived == null || unitsReceived <= 0) {
      return null;
    }
    return Math.min(1.0, Math.max(0L, unitsSold) / (double) unitsReceived);
  }
}
