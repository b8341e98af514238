package io.flashsale.events;

import java.time.Instant;

/** An event that producers write to one of the input topics. */
public interface InputEvent {

  /** Unique per event; the system is idempotent on it. */
  String eventId();

  /** The event time that windows, timers and hold expiries use. */
  Instant eventTime();

  /**
   * Checks every rule of the contract that this event can break on its own.
   *
   * @throws InvalidEventException naming the first rule broken
   */
  void validate();
}
