package io.flashsale.events;

/** Why a cart event was rejected, or why a hold was released by the system. */
public enum DecisionReason {
  /** Not enough unpromised stock to grant the hold or commit the checkout. */
  INSUFFICIENT_STOCK,
  /** A release for a hold that has already ended or never existed. */
  UNKNOWN_HOLD,
  /** The event's channel is not configured as a DIRECT channel. */
  UNKNOWN_CHANNEL,
  /** On a RELEASED decision: the hold ended because its checkout was rejected. */
  CHECKOUT_REJECTED,
  /** A hold request under a holdId whose hold is still live. */
  HOLD_ALREADY_EXISTS,
  /** A checkout, under a new eventId, for a hold that was already committed. */
  HOLD_ALREADY_COMMITTED,
  /**
   * A hold request that would leave the event's customer, or its device, holding more units of the
   * SKU than the per-customer hold limit allows.
   */
  HOLD_LIMIT
}
