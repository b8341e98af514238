package io.flashsale.cli;

import io.flashsale.config.KafkaOptions;
import io.flashsale.kafka.Topics;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;
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

  Topics topics() {
    return new Topics(topicPrefix);
  }

  Properties clientProperties() {
    Properties properties = new Properties();
    properties.setProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return properties;
  }

  void applyTo(Configuration config) {
    config.set(KafkaOptions.BOOTSTRAP_SERVERS, bootstrapServers);
    config.set(KafkaOptions.TOPIC_PREFIX, topicPrefix);
  }
}
