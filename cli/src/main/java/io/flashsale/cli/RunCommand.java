package io.flashsale.cli;

import io.flashsale.config.KafkaOptions;
import io.flashsale.config.PostgresOptions;
import io.flashsale.embedded.EmbeddedKafka;
import io.flashsale.embedded.EmbeddedPostgres;
import io.flashsale.fraud.FraudJob;
import io.flashsale.inventory.InventoryJob;
import io.flashsale.jdbc.SchemaMigrations;
import io.flashsale.kafka.TopicSetup;
import io.flashsale.kafka.Topics;
import io.flashsale.tables.TableSyncJob;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the inventory and fraud jobs, and the table sync job when PostgreSQL is there, on a local
 * Flink cluster with its web UI: against a Kafka you name, or against an in-process broker and a
 * PostgreSQL started from this machine's binaries.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Runs the inventory and fraud jobs (and the table sync job when PostgreSQL is"
            + " configured) on a local Flink cluster with its web UI, until interrupted.")
final class RunCommand implements Callable<Integer> {

  @Option(
      names = "--embedded",
      description =
          "Start an in-process Kafka broker and, if this machine has PostgreSQL's binaries, a"
              + " PostgreSQL; create the topics and tables.")
  boolean embedded;

  @Option(names = "--bootstrap-servers", description = "Kafka brokers, when not --embedded.")
  String bootstrapServers;

  @Option(names = "--topic-prefix", defaultValue = "")
  String topicPrefix;

  @Option(
      names = "--postgres-url",
      description =
          "JDBC URL for the tables, when not --embedded; the password is read from "
              + PostgresOptions.PASSWORD_ENVIRONMENT_VARIABLE
              + ".")
  String postgresUrl;

  @Option(names = "--postgres-username", defaultValue = "flashsale")
  String postgresUsername;

  @Option(
      names = "--flink-conf",
      defaultValue = "flink-conf",
      description = "Directory of the Flink config.yaml to apply.")
  Path flinkConf;

  @Option(names = "--web-port", defaultValue = "8081", description = "Port of Flink's web UI.")
  int webPort;

  @Option(names = "--parallelism", defaultValue = "2")
  int parallelism;

  @Option(
      names = "-D",
      description = "Any job option, e.g. -D inventory.hold-ttl=300s (see the README).")
  Map<String, String> options = new HashMap<>();

  /** What to stop, newest first, when the command ends. */
  private final Deque<AutoCloseable> running = new ArrayDeque<>();

  @Override
  public Integer call() throws Exception {
    if (embedded == (bootstrapServers != null)) {
      System.err.println("give either --embedded or --bootstrap-servers");
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(stopped)));
    Configuration config = configuration();
    if (embedded) {
      startEmbeddedServers(config);
    }
    MiniCluster cluster = startCluster(config);
    URI web = cluster.getRestAddress().get();
    submit(web, config);
    Topics topics = new Topics(topicPrefix);
    System.out.printf(
        "%nFlink web UI:  %s%nKafka:         %s%nPostgreSQL:    %s%n%n"
            + "Send events, for example:%n"
            + "  ./flashsale send --bootstrap-servers %s --topic %s --stamp-now examples/receipts.jsonl%n"
            + "  ./flashsale send --bootstrap-servers %s --topic %s --stamp-now examples/carts.jsonl%n"
            + "Press Ctrl-C to stop.%n%n",
        web,
        config.get(KafkaOptions.BOOTSTRAP_SERVERS),
        config.getOptional(PostgresOptions.URL).orElse("not configured (no table sync)"),
        config.get(KafkaOptions.BOOTSTRAP_SERVERS),
        topics.inventoryStock(),
        config.get(KafkaOptions.BOOTSTRAP_SERVERS),
        topics.storefrontCarts());
    new OutputSummary(kafkaProperties(config), topics).printUntilInterrupted();
    stopped.await();
    return 0;
  }

  private Configuration configuration() {
    Configuration config =
        Files.isDirectory(flinkConf)
            ? GlobalConfiguration.loadConfiguration(flinkConf.toString())
            : new Configuration();
    config.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
    config.set(KafkaOptions.TOPIC_PREFIX, topicPrefix);
    if (bootstrapServers != null) {
      config.set(KafkaOptions.BOOTSTRAP_SERVERS, bootstrapServers);
    }
    if (postgresUrl != null) {
      config.set(PostgresOptions.URL, postgresUrl);
      config.set(PostgresOptions.USERNAME, postgresUsername);
    }
    options.forEach(config::setString);
    return config;
  }

  private void startEmbeddedServers(Configuration config) {
    EmbeddedKafka kafka = EmbeddedKafka.start();
    running.push(kafka);
    config.set(KafkaOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    TopicSetup.ensure(
        kafkaProperties(config), new Topics(topicPrefix).all(config.get(KafkaOptions.PARTITIONS)));
    try {
      EmbeddedPostgres postgres = EmbeddedPostgres.start();
      running.push(postgres);
      config.set(PostgresOptions.URL, postgres.jdbcUrl());
      config.set(PostgresOptions.USERNAME, postgres.username());
      config.set(PostgresOptions.PASSWORD, postgres.password());
      SchemaMigrations.apply(
          postgres.jdbcUrl(),
          postgres.username(),
          postgres.password(),
          PostgresOptions.schema(config));
    } catch (IllegalStateException noPostgres) {
      System.err.println(
          "PostgreSQL not started, running without tables: " + noPostgres.getMessage());
    }
  }

  private MiniCluster startCluster(Configuration config) throws Exception {
    Configuration clusterConfig = new Configuration(config);
    clusterConfig.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    clusterConfig.set(RestOptions.PORT, webPort);
    MiniCluster cluster =
        new MiniCluster(
            new MiniClusterConfiguration.Builder()
                .setConfiguration(clusterConfig)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(2 * parallelism)
                .build());
    cluster.start();
    // Bounded, so the servers behind it are closed even if a job will not stop.
    running.push(() -> cluster.closeAsync().get(30, TimeUnit.SECONDS));
    return cluster;
  }

  private void submit(URI web, Configuration config) throws Exception {
    StreamExecutionEnvironment inventory = remote(web, config);
    InventoryJob.build(inventory, config);
    inventory.executeAsync(InventoryJob.NAME);
    StreamExecutionEnvironment fraud = remote(web, config);
    FraudJob.build(fraud, config);
    fraud.executeAsync(FraudJob.NAME);
    if (config.getOptional(PostgresOptions.URL).isPresent()) {
      StreamExecutionEnvironment tables = remote(web, config);
      TableSyncJob.build(tables, config);
      tables.executeAsync(TableSyncJob.NAME);
    }
  }

  private static StreamExecutionEnvironment remote(URI web, Configuration config) {
    return StreamExecutionEnvironment.createRemoteEnvironment(web.getHost(), web.getPort(), config);
  }

  private static Properties kafkaProperties(Configuration config) {
    Properties properties = KafkaOptions.clientProperties(config);
    properties.setProperty(
        CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.get(KafkaOptions.BOOTSTRAP_SERVERS));
    return properties;
  }

  private void stopAll(CountDownLatch stopped) {
    for (AutoCloseable resource : List.copyOf(running)) {
      try {
        resource.close();
      } catch (Exception e) {
        System.err.println("while stopping: " + e);
      }
    }
    running.clear();
    stopped.countDown();
  }
}
