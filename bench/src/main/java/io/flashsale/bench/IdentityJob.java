package io.flashsale.bench;

import io.flashsale.kafka.KafkaConnections;
import io.flashsale.kafka.Outbound;
import io.flashsale.kafka.Topics;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The ceiling the inventory job is measured against: {@code storefront.carts} copied record for
 * record to {@link #outputTopic}, through the same Kafka source and exactly-once sink the inventory
 * job builds, with nothing in between.
 */
final class IdentityJob {

  static final String NAME = "flashsale identity";

  private static final String GROUP_ID = "flashsale-identity";

  private IdentityJob() {}

  static String outputTopic(Topics topics) {
    return topics.prefix() + "bench.identity";
  }

  static void build(StreamExecutionEnvironment env, Configuration config) {
    KafkaConnections kafka = new KafkaConnections(config);
    String output = outputTopic(kafka.topics());
    env.fromSource(
            kafka.source(GROUP_ID, List.of(kafka.topics().storefrontCarts()), new CopyTo(output)),
            WatermarkStrategy.<Outbound>forMonotonousTimestamps(),
            "Kafka: carts")
        .uid("source-carts")
        .sinkTo(kafka.exactlyOnceSink(GROUP_ID, List.of(output)))
        .uid("sink-kafka")
        .name("Kafka, exactly once: the same records");
  }

  /** Each record as it came, addressed to the output topic. */
  private record CopyTo(String topic) implements KafkaRecordDeserializationSchema<Outbound> {

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Outbound> out) {
      out.collect(new Outbound(topic, record.key(), record.value(), record.timestamp()));
    }

    @Override
    public TypeInformation<Outbound> getProducedType() {
      return TypeInformation.of(Outbound.class);
    }
  }
}
