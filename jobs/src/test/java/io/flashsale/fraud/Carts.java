package io.flashsale.fraud;

import io.flashsale.events.CartEvent;
import io.flashsale.events.CartEventType;
import java.time.Instant;
import java.util.List;

/**
 * Cart events for fraud tests, built field by field: on channel {@code web} and SKU {@code SKU-1},
 * for customer {@code shopper}, under a hold named after the event, unless said otherwise. Times in
 * seconds count from {@link #T0}.
 */
public final class Carts {

  public static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  public static final String WEB = "web";

  private final String eventId;
  private final CartEventType type;
  private final Instant occurredAt;
  private String channel = WEB;
  private String sku = "SKU-1";
  private String holdId;
  private String customerId = "shopper";
  private String deviceId;
  private String ip;
  private List<String> couponCodes;
  private String paymentFingerprint;
  private String shippingAddressHash;

  private Carts(String eventId, CartEventType type, Instant occurredAt) {
    this.eventId = eventId;
    this.type = type;
    this.occurredAt = occurredAt;
    this.holdId = "hold-" + eventId;
  }

  public static Instant at(double seconds) {
    return T0.plusMillis(Math.round(seconds * 1000));
  }

  public static Carts hold(String eventId, double atSeconds) {
    return hold(eventId, at(atSeconds));
  }

  public static Carts hold(String eventId, Instant at) {
    return new Carts(eventId, CartEventType.HOLD_REQUESTED, at);
  }

  public static Carts release(String eventId, double atSeconds) {
    return release(eventId, at(atSeconds));
  }

  public static Carts release(String eventId, Instant at) {
    return new Carts(eventId, CartEventType.HOLD_RELEASED, at);
  }

  public static Carts checkout(String eventId, double atSeconds) {
    return checkout(eventId, at(atSeconds));
  }

  public static Carts checkout(String eventId, Instant at) {
    return new Carts(eventId, CartEventType.CHECKOUT_COMPLETED, at);
  }

  public Carts holdId(String value) {
    holdId = value;
    return this;
  }

  public Carts customer(String value) {
    customerId = value;
    return this;
  }

  public Carts device(String value) {
    deviceId = value;
    return this;
  }

  public Carts ip(String value) {
    ip = value;
    return this;
  }

  public Carts coupons(String... codes) {
    couponCodes = List.of(codes);
    return this;
  }

  public Carts payment(String value) {
    paymentFingerprint = value;
    return this;
  }

  public Carts address(String value) {
    shippingAddressHash = value;
    return this;
  }

  public Carts channel(String value) {
    channel = value;
    return this;
  }

  public Carts sku(String value) {
    sku = value;
    return this;
  }

  public CartEvent build() {
    CartEvent event =
        new CartEvent(
            eventId,
            type,
            channel,
            sku,
            1,
            holdId,
            "cart-" + customerId,
            customerId,
            type == CartEventType.CHECKOUT_COMPLETED ? "order-" + eventId : null,
            null,
            deviceId,
            ip,
            couponCodes,
            null,
            null,
            paymentFingerprint,
            shippingAddressHash,
            occurredAt);
    event.validate();
    return event;
  }
}
