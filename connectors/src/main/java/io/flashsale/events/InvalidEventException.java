package io.flashsale.events;

/**
 * A record that breaks a rule of the contract's conventions. Its message is the reason written to
 * the dead-letter topic, so it names the field and the rule in words a producer can act on.
 */
public final class InvalidEventException extends RuntimeException {
  public InvalidEventException(String reason) {
    super(reason, null, false, false);
  }
}
