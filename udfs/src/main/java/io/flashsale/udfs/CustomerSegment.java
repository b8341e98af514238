package io.flashsale.udfs;

import org.apache.flink.table.functions.ScalarFunction;

/**
 * {@code CUSTOMER_SEGMENT(orders, days_since_last_order [, loyal_orders, lapsed_days])}: the
 * customer's segment at a moment, as a STRING. {@code orders} counts the customer's completed
 * orders before that moment. The rules, first match wins:
 *
 * <ol>
 *   <li>no orders (NULL, 0, or below): {@code 'new'};
 *   <li>last order more than {@code lapsed_days} (default 90) days ago: {@code 'lapsed'};
 *   <li>at least {@code loyal_orders} (default 3) orders: {@code 'loyal'};
 *   <li>otherwise {@code 'occasional'}.
 * </ol>
 *
 * <p>All arguments are BIGINT; INT columns and literals are cast to it. A NULL {@code
 * days_since_last_order} for a customer with orders counts as not lapsed. A NULL threshold gives
 * NULL: the rules cannot be applied without it.
 *
 * <pre>
 * CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS CUSTOMER_SEGMENT
 *   AS 'io.flashsale.udfs.CustomerSegment' LANGUAGE JAVA USING JAR 'udfs/target/flashsale-udfs.jar';
 * </pre>
 */
public class CustomerSegment extends ScalarFunction {

  static final long DEFAULT_LOYAL_ORDERS = 3;
  static final long DEFAULT_LAPSED_DAYS = 90;

  public String eval(Long orders, Long daysSinceLastOrder) {
    return eval(orders, daysSinceLastOrder, DEFAULT_LOYAL_ORDERS, DEFAULT_LAPSED_DAYS);
  }

  public String eval(Long orders, Long daysSinceLastOrder, Long loyalOrders, Long lapsedDays) {
    if (loyalOrders == null || lapsedDays == null) {
      return null;
    }
    // A negative count can only be bad data; it is still no orders.
    if (orders == null || orders <= 0) {
      return "new";
    }
    if (daysSinceLastOrder != null && daysSinceLastOrder > lapsedDays) {
      return "lapsed";
    }
    return orders >= loyalOrders ? "loyal" : "occasional";
  }
}
