package io.flashsale.kafka;

import io.flashsale.events.DeadLetter;
import io.flashsale.events.InvalidEventException;
import java.time.Clock;
import java.util.Map;
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
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Inbound<T>> out) {
    out.collect(decode(record.topic(), record.partition(), record.offset(), record.value()));
  }

  /** Decodes one record's value; also the entry point for bounded test input. */
  public Inbound<T> decode(String topic, int partition, long offset, byte[] value) {
    String reason;
    if (value == null || value.length == 0) {
      reason = "empty record";
    } else if (value.length > maxRecordBytes) {
      reason = "record of " + value.length + " bytes is over the limit of " + maxRecordBytes;
    } else {
      TopicDecoder<T> decoder = decoders.get(topic);
      if (decoder == null) {
        reason = "no decoder for topic " + topic;
      } else {
        try {
          return decoder.decode(value);
        } catch (InvalidEventException e) {
          reason = e.getMessage();
        } catch (RuntimeException e) {
          reason = "unreadable record: " + e;
        }
      }
    }
    return Inbound.rejected(
        DeadLetter.of(topic, partition, offset, reason, value, Clock.systemUTC().instant()));
  }

  @Override
  public TypeInformation<Inbound<T>> getProducedType() {
    return producedType;
  }
}
