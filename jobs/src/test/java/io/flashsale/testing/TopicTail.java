package io.flashsale.testing;

import io.flashsale.serde.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Reads a topic from its beginning in the background, as a storefront would: read_committed, so it
 * sees only what the job's transactions committed.
 */
public final class TopicTail<T> implements AutoCloseable {

  /**
   * One record: its key, its value parsed as the contract's JSON, and when this consumer received
   * it (wall clock, epoch milliseconds).
   */
  public record Received<T>(String key, T value, long receivedAtMillis) {}

  private final List<Received<T>> records = new ArrayList<>();
  private final AtomicLong lastArrival = new AtomicLong(System.nanoTime());
  private final String topic;
  private final Thread reader;
  private volatile boolean running = true;

  /** Reads {@code topic} with {@code connection}: the bootstrap servers and security settings. */
  public TopicTail(Properties connection, String topic, Class<T> type) {
    this.topic = topic;
    Properties properties = new Properties();
    properties.putAll(connection);
    properties.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    reader =
        new Thread(
            () -> {
              try (consumer) {
                while (running) {
                  for (ConsumerRecord<byte[], byte[]> record :
                      consumer.poll(Duration.ofMillis(100))) {
                    Received<T> received =
                        new Received<>(
                            new String(record.key(), StandardCharsets.UTF_8),
                            EventJson.read(record.value(), type),
                            System.currentTimeMillis());
                    synchronized (records) {
                      records.add(received);
                    }
                    lastArrival.set(System.nanoTime());
                  }
                }
              }
            },
            "tail-" + topic);
    reader.setDaemon(true);
    reader.start();
  }

  public List<T> values() {
    synchronized (records) {
      return records.stream().map(Received::value).toList();
    }
  }

  public List<Received<T>> received() {
    synchronized (records) {
      return List.copyOf(records);
    }
  }

  public int size() {
    synchronized (records) {
      return records.size();
    }
  }

  /** Waits until {@code done} holds for what was read, then until nothing new came for a while. */
  public List<T> awaitSettled(Predicate<List<T>> done, Duration timeout, Duration quiet) {
    try {
      Awaitility.await(topic)
          .atMost(timeout)
          .pollInterval(Duration.ofMillis(50))
          .until(
              () ->
                  done.test(values()) && System.nanoTime() - lastArrival.get() >= quiet.toNanos());
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          topic + " did not settle within " + timeout + "; read " + size() + " records", e);
    }
    return values();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    reader.join(5_000);
  }

  /** Everything read so far, without waiting. */
  public List<T> snapshot() {
    return new ArrayList<>(values());
  }
}
