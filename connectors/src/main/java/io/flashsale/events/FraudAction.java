package io.flashsale.events;

/** What a fraud alert asks for. Alerts flag for review; they never block a checkout. */
public enum FraudAction {
  REVIEW
}
