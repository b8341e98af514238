package io.flashsale.cli;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Prints what a topic holds, as a storefront reads it: committed records only. */
@Command(
    name = "tail",
    mixinStandardHelpOptions = true,
    description = "Prints the committed records of a topic as they arrive, until interrupted.")
final class TailCommand implements Callable<Integer> {

  @Mixin KafkaArguments kafka;

  @Option(names = "--topic", required = true, description = "e.g. reservations.decisions")
  String topic;

  @Option(names = "--from-beginning", description = "Start at the oldest record, not the newest.")
  boolean fromBeginning;

  @Override
  public Integer call() {
    Properties properties = kafka.clientProperties();
    properties.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      String target = kafka.topicPrefix + topic;
      List<TopicPartition> partitions =
          consumer.partitionsFor(target).stream()
              .map(p -> new TopicPartition(target, p.partition()))
              .toList();
      consumer.assign(partitions);
      if (fromBeginning) {
        consumer.seekToBeginning(partitions);
      } else {
        consumer.seekToEnd(partitions);
      }
      while (!Thread.currentThread().isInterrupted()) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          System.out.println(new String(record.value(), StandardCharsets.UTF_8));
        }
      }
    }
    return 0;
  }
}
