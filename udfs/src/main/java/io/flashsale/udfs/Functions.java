package io.flashsale.udfs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.table.functions.UserDefinedFunction;

/**
 * Every SQL function in this module, by the name SQL calls it, in name order: what a runner
 * registers, and what {@code sql/functions.sql} must match (a test holds both to it).
 *
 * <pre>
 * Functions.ALL.forEach(tableEnv::createTemporarySystemFunction);
 * </pre>
 */
public final class Functions {

  public static final Map<String, Class<? extends UserDefinedFunction>> ALL = all();

  private Functions() {}

  private static Map<String, Class<? extends UserDefinedFunction>> all() {
    Map<String, Class<? extends UserDefinedFunction>> all = new LinkedHashMap<>();
    all.put("CUSTOMER_SEGMENT", CustomerSegment.class);
    all.put("DEVIATION_RATIO", DeviationRatio.class);
    all.put("DISCOUNT_DEPTH", DiscountDepth.class);
    all.put("DISCOUNT_TIER", DiscountTier.class);
    all.put("IS_SPIKE", IsSpike.class);
    all.put("MARGIN", Margin.class);
    all.put("SELL_THROUGH", SellThrough.class);
    return Collections.unmodifiableMap(all);
  }
}
