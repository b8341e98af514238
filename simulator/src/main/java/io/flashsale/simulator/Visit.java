package io.flashsale.simulator;

import java.time.Duration;
import java.util.List;

/** Someone who comes to buy, at a sale time. The same visits are played against every policy. */
public sealed interface Visit permits Visit.Shopper, Visit.Buyer {

  /** When the visit starts, in sale time from the scenario's start. */
  Duration at();

  String sku();

  int units();

  /** What a shopper does with a granted hold. */
  enum Intent {
    CHECKOUT,
    RELEASE,
    WALK_AWAY
  }

  /**
   * A shopper on the own store who asks for a hold and, if it is granted, acts on it after {@code
   * thinkTime}. Bots and coupon abusers are shoppers too; {@code genuine} is false for them, so
   * what they were refused is not counted as demand left unmet.
   */
  record Shopper(
      Duration at,
      String sku,
      int units,
      Intent intent,
      Duration thinkTime,
      String customerId,
      String deviceId,
      String ip,
      List<String> couponCodes,
      boolean genuine)
      implements Visit {}

  /** A buyer on a marketplace who buys if the listing shows enough units. */
  record Buyer(Duration at, String channel, String sku, int units) implements Visit {}
}
