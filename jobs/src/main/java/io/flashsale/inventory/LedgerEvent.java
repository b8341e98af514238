package io.flashsale.inventory;

import io.flashsale.events.CartEvent;
import io.flashsale.events.MarketplaceOrder;
import io.flashsale.events.StockMovement;

/** One event for the per-SKU ledger: exactly one of its fields is set. */
public record LedgerEvent(StockMovement stock, CartEvent cart, MarketplaceOrder order) {

  public static LedgerEvent of(StockMovement stock) {
    return new LedgerEvent(stock, null, null);
  }

  public static LedgerEvent of(CartEvent cart) {
    return new LedgerEvent(null, cart, null);
  }

  public static LedgerEvent of(MarketplaceOrder order) {
    return new LedgerEvent(null, null, order);
  }

  /** The key of the ledger, and of every input topic. */
  public String sku() {
    if (stock != null) {
      return stock.sku();
    }
    return cart != null ? cart.sku() : order.sku();
  }
}
