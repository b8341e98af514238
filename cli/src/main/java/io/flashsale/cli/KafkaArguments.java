package io.flashsale.cli;

import io.flashsale.kafka.Topics;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Option;

/** The options every command that talks to Kafka shares. */
final class KafkaArguments {

  @Option(
      names = "--bootstrap-servers",
      description = "Kafka brokers, host:port[,host:port...].",
      required = true)
  String bootstrapServers;

  @Option(
      names = "--topic-prefix",
      defaultValue = "",
      description = "Prepended to every topic name of the contract.")
  String topicPrefix;

  @Option(
      names = "--kafka-config",
      paramLabel = "FILE",
      description =
          "Kafka client properties, e.g. security.protocol=SASL_SSL. Secrets belong in files or"
              + " the environment, named through Kafka's config providers: see the README.")
  Path clientConfig;

  @Option(
      names = "--kafka-property",
      paramLabel = "KEY=VALUE",
      description = "A Kafka client property; repeatable; wins over --kafka-config.")
  Map<String, String> clientOverrides = new LinkedHashMap<>();

  Topics topics() {
    return new Topics(topicPrefix);
  }

  Properties clientProperties() {
    Properties properties = new Properties();
    if (clientConfig != null) {
      try (Reader reader = Files.newBufferedReader(clientConfig)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read --kafka-config " + clientConfig, e);
      }
    }
    properties.putAll(clientOverrides);
    properties.setProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return properties;
  }
}
