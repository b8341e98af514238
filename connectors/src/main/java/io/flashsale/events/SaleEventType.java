package io.flashsale.events;

/** A step in a sale's life on the calendar. */
public enum SaleEventType {
  SCHEDULED,
  STARTED,
  ENDED,
  CANCELLED
}
