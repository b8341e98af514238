package io.flashsale.bench;

import io.flashsale.events.CartEvent;
import io.flashsale.events.CartEventType;
import io.flashsale.events.Pool;
import io.flashsale.events.StockKind;
import io.flashsale.events.StockMovement;
import io.flashsale.kafka.Topics;
import io.flashsale.serde.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Produces what the warehouse and the storefronts would: stock receipts and hold requests. */
final class Storefront implements AutoCloseable {

  /** Enough stock that every hold of a run is granted, so every decision costs the same. */
  private static final int UNITS_PER_SKU = 1_000_000;

  private final KafkaProducer<byte[], byte[]> producer;
  private final Topics topics;
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  private Storefront(Properties client, Topics topics, int lingerMs) {
    Properties properties = new Properties();
    properties.putAll(client);
    properties.setProperty(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(lingerMs));
    properties.setProperty(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
    this.producer =
        new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
    this.topics = topics;
  }

  /** For loading a topic before a job reads it: large batches. */
  static Storefront bulk(Properties client, Topics topics) {
    return new Storefront(client, topics, 20);
  }

  /** As a storefront sends while shoppers wait: a batch leaves within a millisecond. */
  static Storefront interactive(Properties client, Topics topics) {
    return new Storefront(client, topics, 1);
  }

  void receiveStock(int skus) {
    Instant now = Instant.now();
    for (int i = 0; i < skus; i++) {
      StockMovement receipt =
          new StockMovement(
              "stock-" + i,
              Traffic.sku(i),
              Pool.MAIN,
              StockKind.RECEIVED,
              UNITS_PER_SKU,
              null,
              now);
      send(topics.inventoryStock(), receipt.sku(), EventJson.write(receipt));
    }
    flush();
  }

  /** A request to hold one unit of {@code sku}, its eventId also its holdId. */
  void hold(String eventId, String sku) {
    CartEvent hold =
        CartEvent.of(
            eventId,
            CartEventType.HOLD_REQUESTED,
            "web",
            sku,
            1,
            eventId,
            "cart-" + eventId,
            "shopper-" + eventId,
            null,
            Instant.now());
    send(topics.storefrontCarts(), sku, EventJson.write(hold));
  }

  void flush() {
    producer.flush();
    checkSent();
  }

  private void send(String topic, String key, byte[] value) {
    producer.send(
        new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value),
        (metadata, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        });
  }

  /** Fails if a record could not be sent: a run missing input would measure nothing. */
  private void checkSent() {
    Exception failed = failure.get();
    if (failed != null) {
      throw new IllegalStateException("a record could not be sent", failed);
    }
  }

  @Override
  public void close() {
    producer.close();
    checkSent();
  }
}
