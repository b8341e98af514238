package io.flashsale.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashsale.embedded.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Topic creation on a real broker. */
class TopicSetupTest {

  private static EmbeddedKafka kafka;
  private static Properties client;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.start();
    client = new Properties();
    client.setProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
  }

  @AfterAll
  static void stop() {
    kafka.close();
  }

  @Test
  void shouldCreateOnlyTheMissingTopics() {
    List<TopicSpec> topics = new Topics("setup-twice.").all(2);

    List<String> first = TopicSetup.ensure(client, topics);
    List<String> second = TopicSetup.ensure(client, topics);

    assertThat(first)
        .containsExactlyInAnyOrderElementsOf(topics.stream().map(TopicSpec::name).toList());
    assertThat(second).isEmpty();
  }

  @Test
  void shouldReturnOnlyOnceEveryCreatedPartitionTakesWrites() throws Exception {
    List<TopicSpec> topics = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      topics.add(new TopicSpec("writable-at-once-" + i, 4, Map.of()));
    }

    TopicSetup.ensure(client, topics);

    // A producer that never retries fails on any partition whose leader is not serving it yet.
    Properties properties = new Properties();
    properties.putAll(client);
    properties.setProperty(ProducerConfig.RETRIES_CONFIG, "0");
    properties.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
    properties.setProperty(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");
    properties.setProperty(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    List<Future<RecordMetadata>> sends = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (TopicSpec topic : topics) {
        for (int partition = 0; partition < topic.partitions(); partition++) {
          sends.add(
              producer.send(
                  new ProducerRecord<>(
                      topic.name(), partition, null, "first".getBytes(StandardCharsets.UTF_8))));
        }
      }
      for (Future<RecordMetadata> send : sends) {
        assertThat(send.get().offset()).isZero();
      }
    }
  }
}
