package io.flashsale.analytics;

import io.flashsale.udfs.Functions;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;

/**
 * The Flink configuration that sends SQL to a running cluster's REST endpoint, with the jars its
 * queries need that a plain Flink distribution lacks: the udfs, the Kafka, JDBC and JSON
 * connectors, and the PostgreSQL driver.
 */
public final class RemoteCluster {

  private static final List<String> CLASSES_TO_SHIP =
      List.of(
          "org.apache.flink.streaming.connectors.kafka.table.KafkaDynamicTableFactory",
          "org.apache.kafka.clients.consumer.KafkaConsumer",
          "org.apache.flink.formats.json.JsonFormatFactory",
          "org.apache.flink.connector.jdbc.core.table.JdbcDynamicTableFactory",
          "org.apache.flink.connector.jdbc.postgres.database.PostgresFactory",
          "org.postgresql.Driver");

  private RemoteCluster() {}

  /** {@code address} is the REST endpoint, host:port (port 8081 when left out). */
  public static Configuration at(String address) {
    int colon = address.lastIndexOf(':');
    Configuration config = new Configuration();
    config.set(DeploymentOptions.TARGET, "remote");
    config.set(JobManagerOptions.ADDRESS, colon < 0 ? address : address.substring(0, colon));
    config.set(RestOptions.ADDRESS, colon < 0 ? address : address.substring(0, colon));
    config.set(RestOptions.PORT, colon < 0 ? 8081 : Integer.parseInt(address.substring(colon + 1)));
    config.set(PipelineOptions.JARS, jarsToShip());
    return config;
  }

  /** The jar files the needed classes were loaded from (class directories are skipped). */
  static List<String> jarsToShip() {
    List<String> jars = new ArrayList<>();
    Stream.concat(Stream.of(Functions.class.getName()), CLASSES_TO_SHIP.stream())
        .map(RemoteCluster::location)
        .filter(path -> path != null && Files.isRegularFile(path))
        .map(path -> path.toUri().toString())
        .distinct()
        .forEach(jars::add);
    return jars;
  }

  private static Path location(String className) {
    try {
      Class<?> type = Class.forName(className, false, RemoteCluster.class.getClassLoader());
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (ClassNotFoundException | URISyntaxException | NullPointerException e) {
      return null;
    }
  }
}
