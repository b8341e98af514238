package io.flashsale.kafka;

import java.util.List;
import java.util.Optional;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetIdentifier;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacetProvider;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes {@link Outbound} records to the topic each one names, which must be one of the topics this
 * sink declares: the sink's transaction pooling looks for lingering transactions there.
 */
public final class OutboundSerializer
    implements KafkaRecordSerializationSchema<Outbound>, KafkaDatasetFacetProvider {

  private final List<String> topics;

  public OutboundSerializer(List<String> topics) {
    this.topics = List.copyOf(topics);
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      Outbound record, KafkaSinkContext context, Long timestamp) {
    if (!topics.contains(record.topic())) {
      throw new IllegalStateException(
          "record for " + record.topic() + " on a sink declared for " + topics);
    }
    return new ProducerRecord<>(
        record.topic(), null, record.timestamp(), record.key(), record.value());
  }

  @Override
  public Optional<KafkaDatasetFacet> getKafkaDatasetFacet() {
    return Optional.of(
        new DefaultKafkaDatasetFacet(DefaultKafkaDatasetIdentifier.ofTopics(topics)));
  }
}
