package io.flashsale.inventory;

import io.flashsale.events.AllocationOverride;
import io.flashsale.events.CartEvent;
import io.flashsale.events.ChannelAck;
import io.flashsale.events.DemandForecast;
import io.flashsale.events.MarketplaceOrder;
import io.flashsale.events.StockMovement;
import io.flashsale.inventory.allocation.DemandSample;

/** One event for the per-SKU ledger: exactly one of its fields is set. */
public record LedgerEvent(
    StockMovement stock,
    CartEvent cart,
    MarketplaceOrder order,
    ChannelAck ack,
    DemandForecast forecast,
    DemandSample demand,
    AllocationOverride override,
    SaleNotice saleNotice) {

  public static LedgerEvent of(StockMovement stock) {
    return new LedgerEvent(stock, null, null, null, null, null, null, null);
  }

  public static LedgerEvent of(CartEvent cart) {
    return new LedgerEvent(null, cart, null, null, null, null, null, null);
  }

  public static LedgerEvent of(MarketplaceOrder order) {
    return new LedgerEvent(null, null, order, null, null, null, null, null);
  }

  public static LedgerEvent of(ChannelAck ack) {
    return new LedgerEvent(null, null, null, ack, null, null, null, null);
  }

  public static LedgerEvent of(DemandForecast forecast) {
    return new LedgerEvent(null, null, null, null, forecast, null, null, null);
  }

  public static LedgerEvent of(DemandSample demand) {
    return new LedgerEvent(null, null, null, null, null, demand, null, null);
  }

  public static LedgerEvent of(AllocationOverride override) {
    return new LedgerEvent(null, null, null, null, null, null, override, null);
  }

  public static LedgerEvent of(SaleNotice notice) {
    return new LedgerEvent(null, null, null, null, null, null, null, notice);
  }

  /** The key of the ledger, and of every input topic. */
  public String sku() {
    if (stock != null) {
      return stock.sku();
    } else if (cart != null) {
      return cart.sku();
    } else if (order != null) {
      return order.sku();
    } else if (ack != null) {
      return ack.sku();
    } else if (forecast != null) {
      return forecast.sku();
    } else if (demand != null) {
      return demand.sku();
    } else if (override != null) {
      return override.sku();
    }
    return saleNotice.sku();
  }
}
