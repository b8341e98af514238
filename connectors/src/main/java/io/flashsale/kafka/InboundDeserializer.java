package io.flashsale.kafka;

import io.flashsale.events.DeadLetter;
import io.flashsale.events.InvalidEventException;
import java.time.Clock;
import java.util.Map;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads the records of one or more input topics. It never throws: a record that is too large,
 * empty, malformed or invalid becomes a dead letter naming where it was read and why, so one bad
 * record can neither stop the job nor disappear.
 */
public final class InboundDeserializer<T> implements KafkaRecordDeserializationSchema<Inbound<T>> {

  private final Map<String, TopicDecoder<T>> decoders;
  private final int maxRecordBytes;
  private final TypeInformation<Inbound<T>> producedType;
  private transient DeadLetterReporter deadLetters;

  public InboundDeserializer(
      Map<String, TopicDecoder<T>> decoders,
      int maxRecordBytes,
      TypeInformation<Inbound<T>> producedType) {
    if (maxRecordBytes <= 0) {
      throw new IllegalArgumentException("maxRecordBytes must be positive");
    }
    this.decoders = Map.copyOf(decoders);
    this.maxRecordBytes = maxRecordBytes;
    this.producedType = producedType;
  }

  @Override
  public void open(DeserializationSchema.InitializationContext context) {
    deadLetters = new DeadLetterReporter(context.getMetricGroup(), Clock.systemUTC());
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Inbound<T>> out) {
    out.collect(decode(record.topic(), record.partition(), record.offset(), record.value()));
  }

  /** Decodes one record's value; also the entry point for bounded test input. */
  public Inbound<T> decode(String topic, int partition, long offset, byte[] value) {
    String reason;
    DeadLetterReporter.Kind kind;
    if (value == null || value.length == 0) {
      reason = "empty record";
      kind = DeadLetterReporter.Kind.EMPTY;
    } else if (value.length > maxRecordBytes) {
      reason = "record of " + value.length + " bytes is over the limit of " + maxRecordBytes;
      kind = DeadLetterReporter.Kind.OVERSIZED;
    } else {
      TopicDecoder<T> decoder = decoders.get(topic);
      if (decoder == null) {
        reason = "no decoder for topic " + topic;
        kind = DeadLetterReporter.Kind.UNKNOWN_TOPIC;
      } else {
        try {
          return decoder.decode(value);
        } catch (InvalidEventException e) {
          reason = e.getMessage();
          kind = DeadLetterReporter.Kind.INVALID;
        } catch (RuntimeException e) {
          reason = "unreadable record: " + e;
          kind = DeadLetterReporter.Kind.UNREADABLE;
        }
      }
    }
    if (deadLetters == null) {
      deadLetters = DeadLetterReporter.unregistered();
    }
    DeadLetter letter =
        DeadLetter.of(topic, partition, offset, reason, value, Clock.systemUTC().instant());
    deadLetters.report(letter, kind);
    return Inbound.rejected(letter);
  }

  @Override
  public TypeInformation<Inbound<T>> getProducedType() {
    return producedType;
  }
}
