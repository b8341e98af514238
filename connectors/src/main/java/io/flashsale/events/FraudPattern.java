package io.flashsale.events;

/** The behaviour a fraud alert detected. */
public enum FraudPattern {
  BOT_VELOCITY,
  COUPON_ABUSE,
  COUPON_STACKING,
  PAYMENT_VELOCITY,
  ADDRESS_REUSE
}
