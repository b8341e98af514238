package io.flashsale.inventory;

import io.flashsale.events.CartEvent;
import io.flashsale.events.CartEventType;
import io.flashsale.events.MarketplaceOrder;
import io.flashsale.events.OrderStatus;
import io.flashsale.events.Pool;
import io.flashsale.events.SaleEvent;
import io.flashsale.events.SaleEventType;
import io.flashsale.events.StockKind;
import io.flashsale.events.StockMovement;
import java.time.Instant;
import java.util.List;

/** Named input events for ledger tests, on the DIRECT channel {@code web} unless said. */
public final class LedgerEvents {

  public static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  public static final String WEB = "web";

  private LedgerEvents() {}

  public static Instant at(double seconds) {
    return T0.plusMillis(Math.round(seconds * 1000));
  }

  public static StockMovement stock(
      String eventId,
      String sku,
      Pool pool,
      StockKind kind,
      int quantity,
      String orderId,
      Instant at) {
    return new StockMovement(eventId, sku, pool, kind, quantity, orderId, at);
  }

  public static StockMovement received(String eventId, String sku, int quantity, Instant at) {
    return stock(eventId, sku, Pool.MAIN, StockKind.RECEIVED, quantity, null, at);
  }

  public static StockMovement shipped(
      String eventId, String sku, String orderId, int quantity, Instant at) {
    return stock(eventId, sku, Pool.MAIN, StockKind.SHIPPED, quantity, orderId, at);
  }

  public static CartEvent cart(
      String eventId,
      CartEventType type,
      String channel,
      String sku,
      String holdId,
      String orderId,
      int quantity,
      Instant at) {
    return CartEvent.of(
        eventId,
        type,
        channel,
        sku,
        quantity,
        holdId,
        "cart-" + holdId,
        "customer-" + holdId,
        orderId,
        at);
  }

  public static CartEvent hold(
      String eventId, String sku, String holdId, int quantity, Instant at) {
    return cart(eventId, CartEventType.HOLD_REQUESTED, WEB, sku, holdId, null, quantity, at);
  }

  /** A hold request from a named customer, on a named device (or none). */
  public static CartEvent hold(
      String eventId,
      String sku,
      String holdId,
      String customerId,
      String deviceId,
      int quantity,
      Instant at) {
    return new CartEvent(
        eventId,
        CartEventType.HOLD_REQUESTED,
        WEB,
        sku,
        quantity,
        holdId,
        "cart-" + holdId,
        customerId,
        null,
        null,
        deviceId,
        null,
        null,
        null,
        null,
        null,
        null,
        at);
  }

  public static CartEvent release(String eventId, String sku, String holdId, Instant at) {
    return cart(eventId, CartEventType.HOLD_RELEASED, WEB, sku, holdId, null, 1, at);
  }

  public static CartEvent checkout(
      String eventId, String sku, String holdId, String orderId, int quantity, Instant at) {
    return cart(eventId, CartEventType.CHECKOUT_COMPLETED, WEB, sku, holdId, orderId, quantity, at);
  }

  public static MarketplaceOrder order(
      String eventId,
      String channel,
      String orderId,
      String sku,
      int quantity,
      OrderStatus status,
      Pool pool,
      Instant at) {
    return new MarketplaceOrder(eventId, channel, orderId, sku, quantity, status, pool, at);
  }

  public static MarketplaceOrder created(
      String eventId, String orderId, String sku, int quantity, Instant at) {
    return order(eventId, "amazon", orderId, sku, quantity, OrderStatus.CREATED, Pool.MAIN, at);
  }

  public static MarketplaceOrder cancelled(
      String eventId, String orderId, String sku, int quantity, Instant at) {
    return order(eventId, "amazon", orderId, sku, quantity, OrderStatus.CANCELLED, Pool.MAIN, at);
  }

  public static SaleEvent sale(
      String eventId,
      String saleId,
      SaleEventType type,
      List<String> skus,
      Integer holdTtlSeconds,
      Instant startsAt,
      Instant endsAt,
      Instant at) {
    return new SaleEvent(
        eventId,
        saleId,
        type,
        WEB,
        skus,
        null,
        null,
        holdTtlSeconds,
        null,
        null,
        null,
        startsAt,
        endsAt,
        at);
  }
}
