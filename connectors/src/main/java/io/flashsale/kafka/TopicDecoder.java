package io.flashsale.kafka;

import io.flashsale.events.InputEvent;
import io.flashsale.events.InvalidEventException;
import io.flashsale.serde.EventJson;
import java.io.Serializable;
import java.time.Instant;
import org.apache.flink.util.function.SerializableFunction;

/** Turns the value of a record on one topic into what a job consumes. */
@FunctionalInterface
public interface TopicDecoder<T> extends Serializable {

  /**
   * @throws InvalidEventException if the record breaks the contract
   */
  Inbound<T> decode(byte[] value);

  /**
   * Reads one of the contract's outputs, as written by this project's jobs, stamped with {@code
   * eventTime}. An unreadable record still becomes a dead letter.
   */
  static <T> TopicDecoder<T> ofOutput(Class<T> type, SerializableFunction<T, Instant> eventTime) {
    return value -> {
      T event = EventJson.read(value, type);
      return Inbound.accepted(event, eventTime.apply(event).toEpochMilli());
    };
  }

  /** Decodes and validates a contract event, then hands it to the job as {@code wrap} makes it. */
  static <E extends InputEvent, T> TopicDecoder<T> of(
      Class<E> type, SerializableFunction<E, T> wrap) {
    return value -> {
      E event = EventJson.decode(value, type);
      return Inbound.accepted(wrap.apply(event), event.eventTime().toEpochMilli());
    };
  }
}
