package io.flashsale.inventory.allocation;

/** Units of a SKU a channel sold or was asked for, at an event time: what demand windows sum. */
public record SoldUnits(String sku, String channel, long units) {

  public String key() {
    return sku + "|" + channel;
  }
}
