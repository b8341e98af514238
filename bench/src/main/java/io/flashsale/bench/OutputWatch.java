package io.flashsale.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads an output topic from its beginning on a thread of its own, noting when records arrive: how
 * many so far and, for the requests being timed, when each one's answer became readable.
 */
final class OutputWatch implements AutoCloseable {

  /** The eventId prefix of timed requests; the number after it indexes {@link #arrivals}. */
  static final String TIMED = "lat-";

  private final Thread thread;
  private final Function<byte[], String> requestOf;
  private final Map<Integer, Long> arrivals = new ConcurrentHashMap<>();
  private volatile boolean running = true;
  private volatile long count;
  private volatile long firstAt;
  private volatile long latestAt;

  private OutputWatch(
      Properties client, String topic, String isolation, Function<byte[], String> requestOf) {
    this.requestOf = requestOf;
    Properties properties = new Properties();
    properties.putAll(client);
    properties.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    this.thread = new Thread(() -> read(consumer), "watch-" + topic);
    thread.start();
  }

  /** Counts records as soon as they are written, committed or not: how fast a job produces. */
  static OutputWatch written(Properties client, String topic) {
    return new OutputWatch(client, topic, "read_uncommitted", null);
  }

  /** Times the answers to timed requests as a read_committed consumer first sees them. */
  static OutputWatch committed(
      Properties client, String topic, Function<byte[], String> requestOf) {
    return new OutputWatch(client, topic, "read_committed", requestOf);
  }

  private void read(KafkaConsumer<byte[], byte[]> consumer) {
    try (consumer) {
      while (running) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(10));
        long now = System.nanoTime();
        if (records.isEmpty()) {
          continue;
        }
        if (requestOf != null) {
          for (ConsumerRecord<byte[], byte[]> record : records) {
            String request = requestOf.apply(record.value());
            if (request != null && request.startsWith(TIMED)) {
              arrivals.putIfAbsent(Integer.parseInt(request.substring(TIMED.length())), now);
            }
          }
        }
        if (count == 0) {
          firstAt = now;
        }
        latestAt = now;
        count += records.count();
      }
    }
  }

  long count() {
    return count;
  }

  /** When the first record arrived, by {@link System#nanoTime()}. */
  long firstAt() {
    return firstAt;
  }

  /** When the timed request {@code n} was answered, or null if it was not (yet). */
  Long arrivalOf(int n) {
    return arrivals.get(n);
  }

  /** Waits until {@code expected} records have arrived; returns when the last of them did. */
  long awaitCount(long expected, Duration timeout, JobRun job) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (count < expected) {
      job.checkRunning();
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "only " + count + " of " + expected + " records within " + timeout);
      }
      Thread.sleep(5);
    }
    return latestAt;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join();
  }
}
