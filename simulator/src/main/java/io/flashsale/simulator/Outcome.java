package io.flashsale.simulator;

import java.util.Map;

/**
 * How one policy sold the scenario's stock.
 *
 * @param oversoldUnits units sold beyond a SKU's stock: orders that cannot be shipped
 * @param soldUnits units ordered per channel, the oversold ones included
 * @param strandedUnits units left unsold at the end of a SKU that some shopper or buyer was turned
 *     away from
 * @param checkoutsRejectedAfterHold shoppers who were let into checkout (a granted hold, or an item
 *     in the cart) and then told there was no stock
 * @param unmetDemandUnits units genuine shoppers and buyers asked for and did not get
 */
public record Outcome(
    String policy,
    long stockUnits,
    Map<String, Long> soldUnits,
    long oversoldUnits,
    long strandedUnits,
    long checkouts,
    long checkoutsRejectedAfterHold,
    long unmetDemandUnits) {

  /** Units sold that can be shipped. */
  public long shippedUnits() {
    return soldUnits.values().stream().mapToLong(Long::longValue).sum() - oversoldUnits;
  }

  /** Shipped units over the stock: oversold orders are cancelled, so they do not count. */
  public double sellThrough() {
    return stockUnits == 0 ? 0 : (double) shippedUnits() / stockUnits;
  }
}
