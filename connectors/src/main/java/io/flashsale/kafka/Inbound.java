package io.flashsale.kafka;

import io.flashsale.events.DeadLetter;

/**
 * One record read from an input topic: either a valid event with its event time, or the dead letter
 * that explains why it was refused. Keeping both in one stream lets the source assign event time
 * per partition while bad records still travel on to the dead-letter topic.
 */
public record Inbound<T>(T event, long eventTime, DeadLetter deadLetter) {

  public static <T> Inbound<T> accepted(T event, long eventTime) {
    return new Inbound<>(event, eventTime, null);
  }

  public static <T> Inbound<T> rejected(DeadLetter deadLetter) {
    return new Inbound<>(null, Long.MIN_VALUE, deadLetter);
  }
}
