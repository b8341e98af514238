package io.flashsale.cli;

import io.flashsale.config.KafkaOptions;
import io.flashsale.config.PostgresOptions;
import io.flashsale.kafka.Topics;
import io.flashsale.local.LocalJob;
import io.flashsale.local.LocalStack;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
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

  private static final List<LocalJob> JOBS =
      List.of(LocalJob.INVENTORY, LocalJob.FRAUD, LocalJob.TABLE_SYNC);

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
      defaultValue = FlashsaleCommand.HOME + "/flink-conf",
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

  @Override
  public Integer call() throws Exception {
    if (embedded == (bootstrapServers != null)) {
      System.err.println("give either --embedded or --bootstrap-servers");
      return 2;
    }
    Configuration config = configuration();
    LocalStack stack =
        embedded ? LocalStack.withEmbeddedServers(config) : LocalStack.withServersOf(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stack.close();
                  stopped.countDown();
                }));
    URI web = stack.startCluster(webPort, JOBS.size() * parallelism);
    stack.submit(JOBS);
    Topics topics = stack.topics();
    String kafka = config.get(KafkaOptions.BOOTSTRAP_SERVERS);
    System.out.printf(
        "%nFlink web UI:  %s%nMetrics:       %s%nKafka:         %s%nPostgreSQL:    %s%n%n"
            + "Send events, for example:%n"
            + "  ./flashsale send --bootstrap-servers %s --topic %s --stamp-now examples/receipts.jsonl%n"
            + "  ./flashsale send --bootstrap-servers %s --topic %s --stamp-now examples/carts.jsonl%n"
            + "Press Ctrl-C to stop.%n%n",
        web,
        stack.metricsEndpoint().map(URI::toString).orElse("no Prometheus reporter configured"),
        kafka,
        config.getOptional(PostgresOptions.URL).orElse("not configured (no table sync)"),
        kafka,
        topics.inventoryStock(),
        kafka,
        topics.storefrontCarts());
    new OutputSummary(stack.kafkaProperties(), topics).printUntilInterrupted();
    stopped.await();
    return 0;
  }

  private Configuration configuration() {
    Configuration config = LocalStack.flinkConfiguration(flinkConf);
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
}
