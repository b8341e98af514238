package io.flashsale.local;

import io.flashsale.config.KafkaOptions;
import io.flashsale.config.PostgresOptions;
import io.flashsale.embedded.EmbeddedKafka;
import io.flashsale.embedded.EmbeddedPostgres;
import io.flashsale.jdbc.SchemaMigrations;
import io.flashsale.kafka.TopicSetup;
import io.flashsale.kafka.Topics;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.NetUtils;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * A local Flink cluster with its web UI, the jobs on it, and, when asked, an in-process Kafka
 * broker and a PostgreSQL from this machine's binaries with the topics and tables created. What
 * {@code flashsale run}, {@code simulate} and {@code demo} run on.
 */
public final class LocalStack implements AutoCloseable {

  private static final ConfigOption<String> PROMETHEUS_PORT =
      ConfigOptions.key("metrics.reporter.prom.port").stringType().noDefaultValue();
  private static final ConfigOption<String> PROMETHEUS_FACTORY =
      ConfigOptions.key("metrics.reporter.prom.factory.class").stringType().noDefaultValue();

  private final Configuration config;
  private final Deque<AutoCloseable> running = new ArrayDeque<>();
  private final List<JobClient> jobs = new ArrayList<>();
  private MiniCluster cluster;
  private URI metricsEndpoint;

  private LocalStack(Configuration config) {
    this.config = config;
  }

  /**
   * The settings of {@code flinkConf}/config.yaml. Required: without its checkpointing the
   * exactly-once outputs would never commit, and nothing would ever be readable.
   */
  public static Configuration flinkConfiguration(Path flinkConf) {
    if (!Files.isRegularFile(flinkConf.resolve(GlobalConfiguration.FLINK_CONF_FILENAME))) {
      throw new IllegalArgumentException(
          "no "
              + GlobalConfiguration.FLINK_CONF_FILENAME
              + " in "
              + flinkConf.toAbsolutePath()
              + ": give --flink-conf the repository's flink-conf directory");
    }
    return GlobalConfiguration.loadConfiguration(flinkConf.toString());
  }

  /**
   * Starts an in-process Kafka broker with the topics and, if this machine has PostgreSQL's
   * binaries, a PostgreSQL with the tables; their addresses are set in {@code config}.
   */
  public static LocalStack withEmbeddedServers(Configuration config) {
    LocalStack stack = new LocalStack(config);
    try {
      stack.startEmbeddedServers();
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  /** Runs against the Kafka and PostgreSQL that {@code config} names. */
  public static LocalStack withServersOf(Configuration config) {
    return new LocalStack(config);
  }

  private void startEmbeddedServers() {
    EmbeddedKafka kafka = EmbeddedKafka.start();
    running.push(kafka);
    config.set(KafkaOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    TopicSetup.ensure(kafkaProperties(), topics().all(config.get(KafkaOptions.PARTITIONS)));
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

  /** Starts the local Flink cluster, its web UI on {@code webPort} (0: any free port). */
  public URI startCluster(int webPort, int slots) throws Exception {
    Configuration clusterConfig = new Configuration(config);
    clusterConfig.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    clusterConfig.set(RestOptions.PORT, webPort);
    choosePrometheusPort(clusterConfig);
    cluster =
        new MiniCluster(
            new MiniClusterConfiguration.Builder()
                .setConfiguration(clusterConfig)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(slots)
                .build());
    cluster.start();
    MiniCluster started = cluster;
    // Bounded, so the servers behind it are closed even if a job will not stop.
    running.push(() -> started.closeAsync().get(30, TimeUnit.SECONDS));
    return webUi();
  }

  /** Submits {@code jobs} with the stack's configuration; the table sync only with PostgreSQL. */
  public List<JobClient> submit(List<LocalJob> toRun) throws Exception {
    URI web = webUi();
    List<JobClient> clients = new ArrayList<>();
    for (LocalJob job : toRun) {
      if (job == LocalJob.TABLE_SYNC && !hasPostgres()) {
        continue;
      }
      StreamExecutionEnvironment env =
          StreamExecutionEnvironment.createRemoteEnvironment(web.getHost(), web.getPort(), config);
      job.define(env, config);
      clients.add(env.executeAsync(job.jobName()));
    }
    jobs.addAll(clients);
    return clients;
  }

  /**
   * Where Prometheus scrapes the cluster, when config.yaml turns its reporter on. The cluster's one
   * reporter takes the first free port of the configured range, chosen here so it can be told.
   */
  public Optional<URI> metricsEndpoint() {
    return Optional.ofNullable(metricsEndpoint);
  }

  private void choosePrometheusPort(Configuration clusterConfig) {
    Optional<String> ports = clusterConfig.getOptional(PROMETHEUS_PORT);
    if (ports.isEmpty()
        || clusterConfig.getOptional(PROMETHEUS_FACTORY).filter(f -> !f.isBlank()).isEmpty()) {
      return;
    }
    Iterator<Integer> candidates = NetUtils.getPortRangeFromString(ports.get());
    while (candidates.hasNext()) {
      int port = candidates.next();
      try (ServerSocket probe = new ServerSocket(port)) {
        clusterConfig.set(PROMETHEUS_PORT, String.valueOf(port));
        metricsEndpoint = URI.create("http://127.0.0.1:" + port + "/metrics");
        return;
      } catch (IOException taken) {
        // The next one.
      }
    }
    System.err.println("No free port in " + ports.get() + ": metrics are not served.");
  }

  public URI webUi() throws Exception {
    return cluster.getRestAddress().get();
  }

  public Configuration config() {
    return config;
  }

  public Topics topics() {
    return new Topics(config.get(KafkaOptions.TOPIC_PREFIX));
  }

  public boolean hasPostgres() {
    return config.getOptional(PostgresOptions.URL).isPresent();
  }

  /** Client settings for the stack's Kafka: the bootstrap servers and any kafka.properties.*. */
  public Properties kafkaProperties() {
    Properties properties = KafkaOptions.clientProperties(config);
    properties.setProperty(
        CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.get(KafkaOptions.BOOTSTRAP_SERVERS));
    return properties;
  }

  /** Cancels the jobs, stops the cluster, then the servers, newest first. */
  @Override
  public void close() {
    for (JobClient job : jobs) {
      try {
        // Cancelled before the cluster goes, so their tasks end instead of failing.
        job.cancel().get(30, TimeUnit.SECONDS);
      } catch (Exception alreadyEnded) {
        // Nothing left to cancel.
      }
    }
    jobs.clear();
    while (!running.isEmpty()) {
      try {
        running.pop().close();
      } catch (Exception e) {
        System.err.println("while stopping: " + e);
      }
    }
  }
}
