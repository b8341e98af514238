package io.flashsale.cli;

import io.flashsale.analytics.RemoteCluster;
import io.flashsale.analytics.SqlConnections;
import io.flashsale.analytics.SqlRunner;
import io.flashsale.config.PostgresOptions;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Option;

/** Where the SQL of {@code sql/} runs and what its tables read: the options of sql and report. */
final class SqlArguments {

  @Option(
      names = "--sql-dir",
      defaultValue = FlashsaleCommand.HOME + "/sql",
      description = "The folder of the table, view and question files (default: ${DEFAULT-VALUE}).")
  Path sqlDir;

  @Option(
      names = "--bootstrap-servers",
      description = "Kafka brokers the topic tables read (default: the files', kafka:9092).")
  String bootstrapServers;

  @Option(names = "--topic-prefix", description = "Prepended to every topic name of the contract.")
  String topicPrefix;

  @Option(
      names = "--postgres-url",
      description = "JDBC URL of the database (default: the files', the docker-compose one).")
  String postgresUrl;

  @Option(names = "--postgres-schema", description = "Schema of the contract's tables.")
  String postgresSchema;

  @Option(names = "--postgres-username", description = "Database user.")
  String postgresUsername;

  @Option(
      names = "--postgres-password-file",
      description =
          "A file holding the database password, e.g. a mounted secret (default: "
              + PostgresOptions.PASSWORD_ENVIRONMENT_VARIABLE
              + ").")
  Path postgresPasswordFile;

  @Option(
      names = "--jobmanager",
      description = "Run on this Flink cluster's REST endpoint, host:port, not a local one.")
  String jobManager;

  SqlRunner open(boolean streaming) {
    Configuration flink = jobManager == null ? new Configuration() : RemoteCluster.at(jobManager);
    return SqlRunner.open(sqlDir, connections(!streaming), streaming, flink);
  }

  /** The password from its file, else from the environment, else none (the files' own). */
  String password() {
    if (postgresPasswordFile == null) {
      return System.getenv(PostgresOptions.PASSWORD_ENVIRONMENT_VARIABLE);
    }
    Configuration config = new Configuration();
    config.set(PostgresOptions.PASSWORD_FILE, postgresPasswordFile.toString());
    return PostgresOptions.password(config);
  }

  private SqlConnections connections(boolean bounded) {
    return new SqlConnections(
        bootstrapServers,
        topicPrefix,
        postgresUrl,
        postgresSchema,
        postgresUsername,
        password(),
        bounded);
  }
}
