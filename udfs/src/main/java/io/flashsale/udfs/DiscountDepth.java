package io.flashsale.udfs;

import java.math.BigDecimal;
import java.math.MathContext;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.table.types.inference.TypeInference;

/**
 * {@code DISCOUNT_DEPTH(unit_price, list_price)}: the share knocked off the list price, {@code 1 -
 * unit_price / list_price}, from 0 (full price) to 1 (free). Clamped to that range: a price above
 * list is no discount (0), a negative price no more than free (1). Takes two DECIMALs (the prices
 * are {@code DECIMAL(10, 2)}) or two DOUBLEs and returns a DOUBLE. NULL when either input is NULL
 * or the list price is 0 or below.
 *
 * <pre>
 * CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS DISCOUNT_DEPTH
 *   AS 'io.flashsale.udfs.DiscountDepth' LANGUAGE JAVA USING JAR 'udfs/target/flashsale-udfs.jar';
 * </pre>
 */
public class DiscountDepth extends ScalarFunction {

  // Picks the decimal overload for DECIMAL prices; see DecimalOrDoubleArguments for why.
  @Override
  public TypeInference getTypeInference(DataTypeFactory typeFactory) {
    return DecimalOrDoubleArguments.returningDouble();
  }

  public Double eval(BigDecimal unitPrice, BigDecimal listPrice) {
    if (unitPrice == null || listPrice == null || listPrice.signum() <= 0) {
      return null;
    }
    // In decimal until the end, so 80.00 off 100.00 is 0.2 and not 0.19999999999999996.
    double depth =
        BigDecimal.ONE.subtract(unitPrice.divide(listPrice, MathContext.DECIMAL64)).doubleValue();
    return clamp(depth);
  }

  public Double eval(Double unitPrice, Double listPrice) {
    if (unitPrice == null || listPrice == null || listPrice <= 0) {
      return null;
    }
    return clamp(1 - unitPrice / listPrice);
  }

  private static double clamp(double depth) {
    return Math.min(1.0, Math.max(0.0, depth));
  }
}
