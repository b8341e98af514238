package io.flashsale.simulator;

import io.flashsale.events.ChannelQuota;
import io.flashsale.events.Decision;
import io.flashsale.events.FraudAlert;
import io.flashsale.kafka.Topics;
import io.flashsale.serde.EventJson;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads what the jobs commit, as a storefront does (read_committed): hands each decision on, and
 * counts quota changes by reason, fraud alerts by pattern, oversell incidents and dead letters.
 */
public final class CommittedOutputs implements AutoCloseable {

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Topics topics;
  private final Consumer<Decision> decisions;
  private final Map<String, Long> quotaChanges = new TreeMap<>();
  private final Map<String, Long> alerts = new TreeMap<>();
  private final Thread reader;
  private long incidents;
  private long deadLetters;
  private volatile boolean closing;

  public CommittedOutputs(Properties kafka, Topics topics, Consumer<Decision> decisions) {
    Properties properties = new Properties();
    properties.putAll(kafka);
    properties.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    this.consumer =
        new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.topics = topics;
    this.decisions = decisions;
    List<TopicPartition> partitions =
        List.of(
                topics.reservationsDecisions(),
                topics.channelQuotas(),
                topics.fraudAlerts(),
                topics.oversellIncidents(),
                topics.deadLetter())
            .stream()
            .flatMap(
                topic ->
                    consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(topic, p.partition())))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    reader = new Thread(this::read, "committed-outputs");
    reader.setDaemon(true);
    reader.start();
  }

  private void read() {
    try {
      while (!closing) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          try {
            dispatch(record);
          } catch (RuntimeException e) {
            System.err.printf(
                "cannot follow %s-%d@%d: %s%n",
                record.topic(), record.partition(), record.offset(), e);
          }
        }
      }
    } catch (WakeupException closed) {
      // close() stops the reader.
    } finally {
      consumer.close();
    }
  }

  private void dispatch(ConsumerRecord<byte[], byte[]> record) {
    String topic = record.topic();
    if (topic.equals(topics.reservationsDecisions())) {
      decisions.accept(EventJson.read(record.value(), Decision.class));
      return;
    }
    synchronized (this) {
      if (topic.equals(topics.channelQuotas())) {
        ChannelQuota quota = EventJson.read(record.value(), ChannelQuota.class);
        quotaChanges.merge(String.valueOf(quota.reason()), 1L, Long::sum);
      } else if (topic.equals(topics.fraudAlerts())) {
        FraudAlert alert = EventJson.read(record.value(), FraudAlert.class);
        alerts.merge(String.valueOf(alert.pattern()), 1L, Long::sum);
      } else if (topic.equals(topics.oversellIncidents())) {
        incidents++;
      } else {
        deadLetters++;
      }
    }
  }

  public synchronized Map<String, Long> quotaChanges() {
    return new TreeMap<>(quotaChanges);
  }

  public synchronized Map<String, Long> alerts() {
    return new TreeMap<>(alerts);
  }

  public synchronized long incidents() {
    return incidents;
  }

  public synchronized long deadLetters() {
    return deadLetters;
  }

  @Override
  public void close() throws InterruptedException {
    closing = true;
    consumer.wakeup();
    reader.join(10_000);
  }
}
