package io.flashsale.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaTest {

  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @Test
  void shouldDeliverCommittedTransactionsToReadCommittedConsumers() throws Exception {
    createTopic("orders");
    try (KafkaProducer<String, String> producer = transactionalProducer("orders-writer")) {
      producer.initTransactions();
      producer.beginTransaction();
      for (int i = 0; i < 3; i++) {
        producer.send(new ProducerRecord<>("orders", "sku-" + i, "order-" + i));
      }
      producer.commitTransaction();
    }

    assertThat(readCommitted("orders", 3)).containsExactly("order-0", "order-1", "order-2");
  }

  @Test
  void shouldKeepItsAddressTopicsOffsetsAndTransactionsWhenStoppedAndRestarted() throws Exception {
    createTopic("ledger");
    String address = kafka.bootstrapServers();
    TopicPartition partition = new TopicPartition("ledger", 0);
    try (KafkaProducer<String, String> producer = transactionalProducer("ledger-writer")) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("ledger", "sku", "committed-before"));
      producer.commitTransaction();
      // Open across the outage, as an exactly-once sink's transaction is between checkpoints.
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("ledger", "sku", "open-across")).get();
      try (Admin admin = admin()) {
        admin
            .alterConsumerGroupOffsets("ledger-reader", Map.of(partition, new OffsetAndMetadata(1)))
            .all()
            .get();
      }

      kafka.stop();
      assertThat(refusesConnections(address)).as("connections while stopped refused").isTrue();
      kafka.restart();

      producer.send(new ProducerRecord<>("ledger", "sku", "after"));
      producer.commitTransaction();
    }

    assertThat(kafka.bootstrapServers()).isEqualTo(address);
    assertThat(readCommitted("ledger", 3))
        .containsExactly("committed-before", "open-across", "after");
    try (Admin admin = admin()) {
      assertThat(
              admin.listConsumerGroupOffsets("ledger-reader").partitionsToOffsetAndMetadata().get())
          .containsEntry(partition, new OffsetAndMetadata(1));
    }
  }

  @Test
  void shouldRunTransactionVersionOne() throws Exception {
    try (Admin admin = admin()) {
      FinalizedVersionRange transactionVersion =
          admin
              .describeFeatures()
              .featureMetadata()
              .get()
              .finalizedFeatures()
              .get("transaction.version");

      assertThat(transactionVersion.maxVersionLevel()).isEqualTo((short) 1);
    }
  }

  @Test
  void shouldNeverCreateTopicsOnItsOwn() throws Exception {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ProducerConfig.MAX_BLOCK_MS_CONFIG,
            2_000);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      assertThatThrownBy(() -> producer.send(new ProducerRecord<>("never-created", "x")).get())
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(TimeoutException.class);
    }
    try (Admin admin = admin()) {
      assertThat(admin.listTopics().names().get()).doesNotContain("never-created");
    }
  }

  @Test
  void shouldAdvertiseTheLoopbackAddress() throws Exception {
    try (Admin admin = admin()) {
      assertThat(admin.describeCluster().nodes().get())
          .extracting(Node::host)
          .containsOnly("127.0.0.1");
    }
  }

  private static void createTopic(String name) throws Exception {
    try (Admin admin = admin()) {
      admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get();
    }
  }

  private static boolean refusesConnections(String address) {
    String[] hostAndPort = address.split(":");
    try (Socket socket = new Socket(hostAndPort[0], Integer.parseInt(hostAndPort[1]))) {
      return false;
    } catch (IOException refused) {
      return true;
    }
  }

  private static Admin admin() {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
  }

  private static KafkaProducer<String, String> transactionalProducer(String transactionalId) {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            transactionalId);
    return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }

  private static List<String> readCommitted(String topic, int expected) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG, "reader",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(Set.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
    }
    return values;
  }
}
