package io.flashsale.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashsale.kafka.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A running count of what the jobs commit: decisions by status, incidents, fraud alerts, dead
 * letters.
 */
final class OutputSummary {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration EVERY = Duration.ofSeconds(2);

  private final Properties properties;
  private final Topics topics;
  private final Map<String, Long> decisions = new TreeMap<>();
  private long incidents;
  private long alerts;
  private long deadLetters;

  OutputSummary(Properties kafka, Topics topics) {
    this.properties = new Properties();
    this.properties.putAll(kafka);
    this.properties.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    this.topics = topics;
  }

  /** Prints a line whenever the counts change, until the broker goes away or the thread stops. */
  void printUntilInterrupted() {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          List.of(
                  topics.reservationsDecisions(),
                  topics.oversellIncidents(),
                  topics.fraudAlerts(),
                  topics.deadLetter())
              .stream()
              .flatMap(
                  topic ->
                      consumer.partitionsFor(topic).stream()
                          .map(p -> new TopicPartition(topic, p.partition())))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      String last = "";
      while (!Thread.currentThread().isInterrupted()) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(EVERY)) {
          count(record);
        }
        String line = line();
        if (!line.equals(last)) {
          System.out.println(line);
          last = line;
        }
      }
    } catch (KafkaException stopping) {
      // The broker is shutting down with the command.
    }
  }

  private void count(ConsumerRecord<byte[], byte[]> record) {
    if (record.topic().equals(topics.oversellIncidents())) {
      incidents++;
    } else if (record.topic().equals(topics.fraudAlerts())) {
      alerts++;
    } else if (record.topic().equals(topics.deadLetter())) {
      deadLetters++;
    } else {
      try {
        JsonNode decision = JSON.readTree(record.value());
        decisions.merge(decision.path("status").asText("?"), 1L, Long::sum);
      } catch (IOException unreadable) {
        decisions.merge("unreadable", 1L, Long::sum);
      }
    }
  }

  private String line() {
    long total = decisions.values().stream().mapToLong(Long::longValue).sum();
    return String.format(
        "decisions %d %s | oversell incidents %d | fraud alerts %d | dead letters %d",
        total, decisions, incidents, alerts, deadLetters);
  }
}
