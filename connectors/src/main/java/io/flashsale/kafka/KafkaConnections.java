package io.flashsale.kafka;

import io.flashsale.config.KafkaOptions;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.TransactionNamingStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;

/** Builds the Kafka sources and sinks of a job from its configuration. */
public final class KafkaConnections {

  private final String bootstrapServers;
  private final Topics topics;
  private final Properties clientProperties;
  private final int maxRecordBytes;
  private final long transactionTimeoutMs;

  public KafkaConnections(Configuration config) {
    this.bootstrapServers =
        config
            .getOptional(KafkaOptions.BOOTSTRAP_SERVERS)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "missing "
                            + KafkaOptions.BOOTSTRAP_SERVERS.key()
                            + " in the configuration"));
    this.topics = new Topics(config.get(KafkaOptions.TOPIC_PREFIX));
    this.clientProperties = KafkaOptions.clientProperties(config);
    this.maxRecordBytes = Math.toIntExact(config.get(KafkaOptions.MAX_RECORD_SIZE).getBytes());
    this.transactionTimeoutMs = config.get(KafkaOptions.TRANSACTION_TIMEOUT).toMillis();
  }

  public Topics topics() {
    return topics;
  }

  /** Properties for an admin client or a plain consumer or producer of these brokers. */
  public Properties clientProperties() {
    Properties properties = new Properties();
    properties.putAll(clientProperties);
    properties.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return properties;
  }

  /**
   * A source over {@code decoders}' topics that reads only committed records and starts from the
   * group's committed offsets (the earliest offset for a new group). Invalid records come out as
   * dead letters, never as failures.
   */
  public <T> KafkaSource<Inbound<T>> source(
      String groupId, Map<String, TopicDecoder<T>> decoders, TypeInformation<Inbound<T>> type) {
    return source(
        groupId,
        decoders.keySet().stream().sorted().toList(),
        new InboundDeserializer<>(decoders, maxRecordBytes, type));
  }

  /** The same source over {@code topicNames}, reading records with {@code deserializer}. */
  public <T> KafkaSource<T> source(
      String groupId, List<String> topicNames, KafkaRecordDeserializationSchema<T> deserializer) {
    return KafkaSource.<T>builder()
        .setBootstrapServers(bootstrapServers)
        .setProperties(clientProperties)
        .setTopics(topicNames)
        .setGroupId(groupId)
        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
        .setDeserializer(deserializer)
        .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
        .build();
  }

  /**
   * A sink for {@code targetTopics} whose records become visible to read_committed consumers only
   * when the checkpoint that covers them completes; after a failure, what was not committed is
   * aborted and produced again.
   */
  public KafkaSink<Outbound> exactlyOnceSink(
      String transactionalIdPrefix, List<String> targetTopics) {
    return KafkaSink.<Outbound>builder()
        .setBootstrapServers(bootstrapServers)
        .setKafkaProducerConfig(clientProperties)
        .setRecordSerializer(new OutboundSerializer(targetTopics))
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .setTransactionalIdPrefix(topics.prefix() + transactionalIdPrefix)
        // Checkpoints come every few hundred milliseconds: reuse a small pool of transactional
        // ids instead of creating new ones per checkpoint, which the brokers would keep for days.
        .setTransactionNamingStrategy(TransactionNamingStrategy.POOLING)
        .setProperty(
            ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, String.valueOf(transactionTimeoutMs))
        .build();
  }
}
