package io.flashsale.events;

import java.time.Instant;

/** {@code inventory.stock} (key: sku): a stock movement reported by the warehouse or the ERP. */
public record StockMovement(
    String eventId,
    String sku,
    Pool pool,
    StockKind kind,
    Integer quantity,
    String orderId,
    Instant occurredAt)
    implements InputEvent {

  @Override
  public Instant eventTime() {
    return occurredAt;
  }

  @Override
  public void validate() {
    Rules.text("eventId", eventId);
    Rules.id("sku", sku);
    Rules.present("pool", pool);
    Rules.present("kind", kind);
    Rules.present("quantity", quantity);
    switch (kind) {
      case ADJUSTED -> {
        if (quantity == 0) {
          throw new InvalidEventException("field 'quantity' of an ADJUSTED movement must not be 0");
        }
      }
      case COUNTED -> Rules.atLeast("quantity", quantity, 0);
      default -> Rules.positive("quantity", quantity);
    }
    if (kind == StockKind.SHIPPED) {
      Rules.text("orderId", orderId);
    } else {
      Rules.optionalText("orderId", orderId);
    }
    Rules.present("occurredAt", occurredAt);
  }
}
