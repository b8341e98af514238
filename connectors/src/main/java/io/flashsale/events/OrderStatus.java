package io.flashsale.events;

/** The state of an order a marketplace has already accepted. */
public enum OrderStatus {
  CREATED,
  CANCELLED
}
