package io.flashsale.testing;

import io.flashsale.serde.EventJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes events to an input topic as a storefront, marketplace bridge or WMS would. */
public final class Producing implements AutoCloseable {

  private final KafkaProducer<byte[], byte[]> producer;

  /** A producer with {@code connection}: the bootstrap servers and any security settings. */
  public Producing(Properties connection) {
    Properties properties = new Properties();
    properties.putAll(connection);
    properties.setProperty(ProducerConfig.LINGER_MS_CONFIG, "5");
    properties.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    // Like a storefront, keep what the brokers cannot take yet and send it once they are back:
    // an outage shorter than this loses nothing, and idempotence keeps the retries from doubling.
    properties.setProperty(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "300000");
    // And keep taking events meanwhile: by default a client that reaches no broker rebootstraps,
    // forgetting the topics' partitions, and send() then blocks until a broker answers.
    properties.setProperty(CommonClientConfigs.METADATA_RECOVERY_STRATEGY_CONFIG, "none");
    producer =
        new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
  }

  public <T> void send(String topic, List<T> events, Function<T, String> key) {
    for (T event : events) {
      sendRaw(topic, key.apply(event), EventJson.write(event));
    }
    producer.flush();
  }

  public void sendRaw(String topic, String key, byte[] value) {
    producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value));
  }

  public void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close();
  }
}
