package io.flashsale.testing;

import io.flashsale.channels.ChannelSyncJob;
import io.flashsale.config.KafkaOptions;
import io.flashsale.config.PostgresOptions;
import io.flashsale.embedded.EmbeddedKafka;
import io.flashsale.embedded.EmbeddedPostgres;
import io.flashsale.events.Pool;
import io.flashsale.events.Position;
import io.flashsale.fraud.FraudJob;
import io.flashsale.inventory.InventoryJob;
import io.flashsale.jdbc.SchemaMigrations;
import io.flashsale.kafka.KafkaConnections;
import io.flashsale.kafka.TopicSetup;
import io.flashsale.kafka.Topics;
import io.flashsale.tables.TableSyncJob;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.awaitility.Awaitility;

/**
 * A real Kafka broker, and optionally a real PostgreSQL, for running the jobs on the test's Flink
 * mini cluster. Each test uses its own topic prefix (and schema), so tests share the servers.
 */
public final class JobsOnKafka implements AutoCloseable {

  private final EmbeddedKafka kafka;
  private final Map<String, String> kafkaClientOptions;
  private final EmbeddedPostgres postgres;

  private JobsOnKafka(EmbeddedKafka kafka, EmbeddedPostgres postgres) {
    this(kafka, Map.of(), postgres);
  }

  private JobsOnKafka(
      EmbeddedKafka kafka, Map<String, String> kafkaClientOptions, EmbeddedPostgres postgres) {
    this.kafka = kafka;
    this.kafkaClientOptions = kafkaClientOptions;
    this.postgres = postgres;
  }

  public static JobsOnKafka withPostgres() {
    return new JobsOnKafka(EmbeddedKafka.start(), EmbeddedPostgres.start());
  }

  public static JobsOnKafka kafkaOnly() {
    return new JobsOnKafka(EmbeddedKafka.start(), null);
  }

  /**
   * A broker started by the caller, which its clients reach with {@code kafkaClientOptions}: the
   * {@code kafka.properties.*} job options, which the test's own clients use too.
   */
  public static JobsOnKafka withPostgres(
      EmbeddedKafka kafka, Map<String, String> kafkaClientOptions) {
    return new JobsOnKafka(kafka, kafkaClientOptions, EmbeddedPostgres.start());
  }

  public EmbeddedKafka kafka() {
    return kafka;
  }

  public EmbeddedPostgres postgres() {
    return postgres;
  }

  /** The topics (and, with PostgreSQL, the tables) for one test's prefix. */
  public Topics createTopics(String prefix) {
    Topics topics = new Topics(prefix);
    TopicSetup.ensure(clientProperties(), topics.all(4));
    if (postgres != null) {
      SchemaMigrations.apply(
          postgres.jdbcUrl(), postgres.username(), postgres.password(), schema(prefix));
    }
    return topics;
  }

  /** The job options that point the jobs at these servers, with a prefix's topics and schema. */
  public Configuration jobOptions(String prefix) {
    Configuration config = new Configuration();
    config.set(KafkaOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    config.set(KafkaOptions.TOPIC_PREFIX, prefix);
    kafkaClientOptions.forEach(config::setString);
    if (postgres != null) {
      config.set(PostgresOptions.URL, postgres.jdbcUrl());
      config.set(PostgresOptions.USERNAME, postgres.username());
      config.set(PostgresOptions.PASSWORD, postgres.password());
      config.set(PostgresOptions.SCHEMA, schema(prefix));
    }
    return config;
  }

  /**
   * The jobs' configuration for a prefix on a mini cluster: the job options, short checkpoints,
   * quick restarts, no Kryo.
   */
  public Configuration config(String prefix) {
    Configuration config = jobOptions(prefix);
    config.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(200));
    config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 20);
    config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
    config.set(PipelineOptions.GENERIC_TYPES, false);
    config.set(CoreOptions.DEFAULT_PARALLELISM, 2);
    return config;
  }

  public JobClient startInventory(Configuration config) throws Exception {
    return start(config, InventoryJob::build, InventoryJob.NAME);
  }

  public JobClient startFraud(Configuration config) throws Exception {
    return start(config, FraudJob::build, FraudJob.NAME);
  }

  public JobClient startTableSync(Configuration config) throws Exception {
    Configuration syncConfig = new Configuration(config);
    syncConfig.set(CoreOptions.DEFAULT_PARALLELISM, 1);
    return start(syncConfig, TableSyncJob::build, TableSyncJob.NAME);
  }

  public JobClient startChannelSync(Configuration config) throws Exception {
    return start(config, ChannelSyncJob::build, ChannelSyncJob.NAME);
  }

  /** How each job adds itself to an environment. */
  @FunctionalInterface
  private interface JobBuilder {
    void build(StreamExecutionEnvironment env, Configuration config);
  }

  private static JobClient start(Configuration config, JobBuilder job, String name)
      throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
    env.configure(config);
    job.build(env, config);
    return env.executeAsync(name + " " + config.get(KafkaOptions.TOPIC_PREFIX));
  }

  public <T> TopicTail<T> tail(String topic, Class<T> type) {
    return new TopicTail<>(clientProperties(), topic, type);
  }

  public Producing producer() {
    return new Producing(clientProperties());
  }

  /** What the jobs' Kafka clients get from the job options: the brokers and security settings. */
  private Properties clientProperties() {
    return new KafkaConnections(jobOptions("")).clientProperties();
  }

  /** The {@code inventory_position} rows of a prefix's schema, keyed {@code sku|pool}. */
  public Map<String, Position> positionRows(String prefix) throws SQLException {
    Map<String, Position> rows = new HashMap<>();
    try (Connection connection =
            DriverManager.getConnection(
                postgres.jdbcUrl(), postgres.username(), postgres.password());
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery("SELECT * FROM " + schema(prefix) + ".inventory_position")) {
      while (result.next()) {
        Position position =
            new Position(
                result.getString("sku"),
                Pool.valueOf(result.getString("pool")),
                result.getLong("on_hand"),
                result.getLong("held"),
                result.getLong("committed"),
                result.getLong("available"),
                result.getLong("buffer_units"),
                result.getLong("quota_outstanding"),
                result.getLong("version"),
                result.getTimestamp("updated_at").toLocalDateTime().toInstant(ZoneOffset.UTC));
        rows.put(position.key(), position);
      }
    }
    return rows;
  }

  /**
   * Waits until a prefix's {@code inventory_position} rows equal {@code expected}; returns them.
   */
  public Map<String, Position> awaitPositionRows(
      String prefix, Map<String, Position> expected, Duration timeout) {
    return Awaitility.await("inventory_position rows equal to the last positions")
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> positionRows(prefix), expected::equals);
  }

  /** The path of a test resource, e.g. an allocation file for {@code allocation.config-file}. */
  public static String resource(String name) {
    try {
      return Path.of(JobsOnKafka.class.getClassLoader().getResource(name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String schema(String topicPrefix) {
    return topicPrefix.replace(".", "");
  }

  @Override
  public void close() {
    if (postgres != null) {
      postgres.close();
    }
    kafka.close();
  }
}
