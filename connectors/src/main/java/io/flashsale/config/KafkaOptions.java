package io.flashsale.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.time.Duration;
import java.util.Properties;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;

/** How every job reaches Kafka. Keys are read from the Flink configuration of the job. */
public final class KafkaOptions {

  public static final ConfigOption<String> BOOTSTRAP_SERVERS =
      key("kafka.bootstrap-servers")
          .stringType()
          .noDefaultValue()
          .withDescription("The Kafka brokers, host:port[,host:port...].");

  public static final ConfigOption<String> TOPIC_PREFIX =
      key("kafka.topic-prefix")
          .stringType()
          .defaultValue("")
          .withDescription("Prepended to every topic name of the contract, e.g. 'prod.'.");

  public static final ConfigOption<Integer> PARTITIONS =
      key("kafka.partitions")
          .intType()
          .defaultValue(4)
          .withDescription(
              "Partitions of each topic the setup command creates (sales.calendar always has 1).");

  public static final ConfigOption<Duration> TRANSACTION_TIMEOUT =
      key("kafka.transaction-timeout")
          .durationType()
          .defaultValue(Duration.ofMinutes(10))
          .withDescription(
              "Timeout of the exactly-once sinks' transactions. It must cover the longest"
                  + " checkpoint plus a restart, and must not exceed the brokers'"
                  + " transaction.max.timeout.ms (15 minutes by default).");

  public static final ConfigOption<MemorySize> MAX_RECORD_SIZE =
      key("kafka.max-record-size")
          .memoryType()
          .defaultValue(MemorySize.parse("64kb"))
          .withDescription(
              "Larger input records go to the dead-letter topic unread: no event of the contract"
                  + " comes near this size, so a larger one is a mistake or an attack.");

  /**
   * Client properties passed to every consumer, producer and admin client, for example {@code
   * kafka.properties.security.protocol: SASL_SSL}.
   */
  public static final String CLIENT_PROPERTIES_PREFIX = "kafka.properties.";

  private KafkaOptions() {}

  /** The {@code kafka.properties.*} entries of the configuration, without their prefix. */
  public static Properties clientProperties(Configuration config) {
    Properties properties = new Properties();
    config
        .toMap()
        .forEach(
            (key, value) -> {
              if (key.startsWith(CLIENT_PROPERTIES_PREFIX)) {
                properties.setProperty(key.substring(CLIENT_PROPERTIES_PREFIX.length()), value);
              }
            });
    return properties;
  }
}
