package io.flashsale.udfs;

import java.math.BigDecimal;
import java.math.MathContext;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.table.types.inference.TypeInference;

/**
 * {@code MARGIN(unit_price, unit_cost)}: the share of the price kept after cost, {@code (unit_price
 * - unit_cost) / unit_price}. Negative when sold below cost, and not clamped: how far below is the
 * point. Takes two DECIMALs (the prices are {@code DECIMAL(10, 2)}) or two DOUBLEs and returns a
 * DOUBLE. NULL when either input is NULL or the price is 0 or below.
 *
 * <pre>
 * CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS MARGIN
 *   AS 'io.flashsale.udfs.Margin' LANGUAGE JAVA USING JAR 'udfs/target/flashsale-udfs.jar';
 * </pre>
 */
public class Margin extends ScalarFunction {

  // Picks the decimal overload for DECIMAL prices; see DecimalOrDoubleArguments for why.
  @Override
  public TypeInference getTypeInference(DataTypeFactory typeFactory) {
    return DecimalOrDoubleArguments.returningDouble();
  }

  public Double eval(BigDecimal unitPrice, BigDecimal unitCost) {
    if (unitPrice == null || unitCost == null || unitPrice.signum() <= 0) {
      return null;
    }
    // In decimal until the end, so 10.00 on 12.50 is 0.2 and not 0.19999999999999996.
    return unitPrice.subtract(unitCost).divide(unitPrice, MathContext.DECIMAL64).doubleValue();
  }

  public Double eval(Double unitPrice, Double unitCost) {
    if (unitPrice == null || unitCost == null || unitPrice <= 0) {
      return null;
    }
    return (unitPrice - unitCost) / unitPrice;
  }
}
