package io.flashsale.events;

/** Why committed units exceeded on-hand units. */
public enum OversellCause {
  /** A channel reported an order the stock could not cover. */
  CHANNEL_ORDER,
  /** A count or adjustment (damage, loss) left on-hand below what was already committed. */
  STOCK_LOSS
}
