package io.flashsale.events;

import java.time.Instant;
import java.util.List;

/** {@code storefront.carts} (key: sku): cart activity on a DIRECT channel. */
public record CartEvent(
    String eventId,
    CartEventType type,
    String channel,
    String sku,
    Integer quantity,
    String holdId,
    String cartId,
    String customerId,
    String orderId,
    String sessionId,
    String deviceId,
    String ip,
    List<String> couponCodes,
    String unitPrice,
    String currency,
    String paymentFingerprint,
    String shippingAddressHash,
    Instant occurredAt)
    implements InputEvent {

  /** A cart event with only the fields every cart event needs, and orderId for checkouts. */
  public static CartEvent of(
      String eventId,
      CartEventType type,
      String channel,
      String sku,
      int quantity,
      String holdId,
      String cartId,
      String customerId,
      String orderId,
      Instant occurredAt) {
    return new CartEvent(
        eventId,
        type,
        channel,
        sku,
        quantity,
        holdId,
        cartId,
        customerId,
        orderId,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        occurredAt);
  }

  @Override
  public Instant eventTime() {
    return occurredAt;
  }

  @Override
  public void validate() {
    Rules.text("eventId", eventId);
    Rules.present("type", type);
    Rules.id("channel", channel);
    Rules.id("sku", sku);
    Rules.present("quantity", quantity);
    Rules.positive("quantity", quantity);
    Rules.text("holdId", holdId);
    Rules.text("cartId", cartId);
    Rules.text("customerId", customerId);
    if (type == CartEventType.CHECKOUT_COMPLETED) {
      Rules.text("orderId", orderId);
    } else {
      Rules.optionalText("orderId", orderId);
    }
    Rules.optionalText("sessionId", sessionId);
    Rules.optionalText("deviceId", deviceId);
    Rules.optionalText("ip", ip);
    Rules.optionalTexts("couponCodes", couponCodes);
    Rules.optionalDecimal("unitPrice", unitPrice);
    Rules.optionalText("currency", currency);
    Rules.optionalText("paymentFingerprint", paymentFingerprint);
    Rules.optionalText("shippingAddressHash", shippingAddressHash);
    Rules.present("occurredAt", occurredAt);
  }
}
