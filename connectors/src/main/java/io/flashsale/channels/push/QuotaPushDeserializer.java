package io.flashsale.channels.push;

import io.flashsale.events.ChannelQuota;
import io.flashsale.kafka.Inbound;
import io.flashsale.kafka.InboundDeserializer;
import io.flashsale.kafka.TopicDecoder;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads {@code channel.quotas} records as quotas to push, each with where it was read. */
public final class QuotaPushDeserializer
    implements KafkaRecordDeserializationSchema<Inbound<QuotaPush>> {

  private final InboundDeserializer<ChannelQuota> quotas;

  public QuotaPushDeserializer(String quotasTopic, int maxRecordBytes) {
    this.quotas =
        new InboundDeserializer<>(
            Map.of(
                quotasTopic, TopicDecoder.ofOutput(ChannelQuota.class, ChannelQuota::effectiveAt)),
            maxRecordBytes,
            TypeInformation.of(new TypeHint<Inbound<ChannelQuota>>() {}));
  }

  @Override
  public void deserialize(
      ConsumerRecord<byte[], byte[]> record, Collector<Inbound<QuotaPush>> out) {
    Inbound<ChannelQuota> read =
        quotas.decode(record.topic(), record.partition(), record.offset(), record.value());
    out.collect(
        read.deadLetter() != null
            ? Inbound.rejected(read.deadLetter())
            : Inbound.accepted(
                new QuotaPush(read.event(), record.topic(), record.partition(), record.offset()),
                read.eventTime()));
  }

  @Override
  public TypeInformation<Inbound<QuotaPush>> getProducedType() {
    return TypeInformation.of(new TypeHint<Inbound<QuotaPush>>() {});
  }
}
