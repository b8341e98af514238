package io.flashsale.events;

/** What a shopper did on a DIRECT channel. */
public enum CartEventType {
  HOLD_REQUESTED,
  HOLD_RELEASED,
  CHECKOUT_COMPLETED
}
