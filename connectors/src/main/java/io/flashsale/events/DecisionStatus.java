package io.flashsale.events;

/** The outcome of a cart event, or the end of a hold. */
public enum DecisionStatus {
  GRANTED,
  REJECTED,
  COMMITTED,
  RELEASED,
  EXPIRED
}
