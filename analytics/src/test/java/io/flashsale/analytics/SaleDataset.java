package io.flashsale.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashsale.embedded.EmbeddedKafka;
import io.flashsale.embedded.EmbeddedPostgres;
import io.flashsale.jdbc.SchemaMigrations;
import io.flashsale.kafka.TopicSetup;
import io.flashsale.kafka.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A small flash sale written by hand in the contract's shape (the files under {@code
 * src/test/resources/sale/}, one per topic), on a real Kafka broker and PostgreSQL: the dataset
 * whose answers the query tests computed by hand.
 */
public final class SaleDataset implements AutoCloseable {

  static final String PREFIX = "analytics.";
  static final String SCHEMA = "analytics";

  /** Each topic's file and the fields its record key is made of, as the contract keys it. */
  private static final Map<String, List<String>> KEYS =
      Map.of(
          "storefront.carts", List.of("sku"),
          "reservations.decisions", List.of("sku"),
          "marketplace.orders", List.of("sku"),
          "channel.quotas", List.of("sku", "channel"),
          "sales.calendar", List.of("saleId"),
          "fraud.alerts", List.of("subject"));

  private static final ObjectMapper JSON = new ObjectMapper();

  final EmbeddedKafka kafka = EmbeddedKafka.start();
  final EmbeddedPostgres postgres = EmbeddedPostgres.start();

  public SaleDataset() {
    Properties admin = new Properties();
    admin.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    TopicSetup.ensure(admin, new Topics(PREFIX).all(2));
    SchemaMigrations.apply(postgres.jdbcUrl(), postgres.username(), postgres.password(), SCHEMA);
    products();
    KEYS.forEach(this::send);
  }

  /** Where {@code flashsale sql} would point the tables for this dataset. */
  public SqlConnections connections(boolean bounded) {
    return new SqlConnections(
        kafka.bootstrapServers(),
        PREFIX,
        postgres.jdbcUrl(),
        SCHEMA,
        postgres.username(),
        postgres.password(),
        bounded);
  }

  public static Path sqlDir() {
    return Path.of("..", "sql").toAbsolutePath().normalize();
  }

  private void products() {
    try (Connection db =
            DriverManager.getConnection(
                postgres.jdbcUrl(), postgres.username(), postgres.password());
        Statement insert = db.createStatement()) {
      insert.executeUpdate(
          "INSERT INTO "
              + SCHEMA
              + ".product (sku, title, unit_cost, list_price, category) VALUES"
              + " ('SKU-A', 'Alpha headphones', 20.00, 50.00, 'audio'),"
              + " ('SKU-B', 'Beta charger', 8.00, 20.00, 'power'),"
              + " ('SKU-C', 'Gamma lamp', 30.00, 40.00, 'home')");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write the products", e);
    }
  }

  private void send(String topic, List<String> keyFields) {
    Properties config = new Properties();
    config.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (var producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      for (String line : lines(topic)) {
        JsonNode record = JSON.readTree(line);
        String key =
            keyFields.stream().map(f -> record.path(f).asText()).collect(Collectors.joining("|"));
        producer.send(new ProducerRecord<>(PREFIX + topic, key, line));
      }
      producer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> lines(String topic) throws IOException {
    try (InputStream in = SaleDataset.class.getResourceAsStream("/sale/" + topic + ".jsonl")) {
      return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
          .filter(line -> !line.isBlank())
          .toList();
    }
  }

  @Override
  public void close() {
    postgres.close();
    kafka.close();
  }
}
