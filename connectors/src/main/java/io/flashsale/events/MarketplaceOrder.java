package io.flashsale.events;

import java.time.Instant;

/**
 * {@code marketplace.orders} (key: sku): an order that a MARKETPLACE or FBA channel has already
 * accepted, or its cancellation.
 */
public record MarketplaceOrder(
    String eventId,
    String channel,
    String orderId,
    String sku,
    Integer quantity,
    OrderStatus status,
    Pool pool,
    Instant occurredAt)
    implements InputEvent {

  @Override
  public Instant eventTime() {
    return occurredAt;
  }

  @Override
  public void validate() {
    Rules.text("eventId", eventId);
    Rules.id("channel", channel);
    Rules.text("orderId", orderId);
    Rules.id("sku", sku);
    Rules.present("quantity", quantity);
    Rules.positive("quantity", quantity);
    Rules.present("status", status);
    Rules.present("pool", pool);
    Rules.present("occurredAt", occurredAt);
  }
}
