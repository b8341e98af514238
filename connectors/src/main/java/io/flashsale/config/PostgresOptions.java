package io.flashsale.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;

/** How the jobs and commands reach PostgreSQL. */
public final class PostgresOptions {

  /**
   * Read when {@link #PASSWORD} is not configured, so the password need not be on a command line.
   */
  public static final String PASSWORD_ENVIRONMENT_VARIABLE = "FLASHSALE_POSTGRES_PASSWORD";

  public static final ConfigOption<String> URL =
      key("postgres.url")
          .stringType()
          .noDefaultValue()
          .withDescription("JDBC URL, e.g. jdbc:postgresql://db:5432/flashsale.");

  public static final ConfigOption<String> USERNAME =
      key("postgres.username").stringType().defaultValue("flashsale");

  public static final ConfigOption<String> PASSWORD =
      key("postgres.password")
          .stringType()
          .noDefaultValue()
          .withDescription(
              "Password of postgres.username; when neither it nor postgres.password-file is set,"
                  + " the environment variable "
                  + PASSWORD_ENVIRONMENT_VARIABLE
                  + " is read.");

  public static final ConfigOption<String> PASSWORD_FILE =
      key("postgres.password-file")
          .stringType()
          .noDefaultValue()
          .withDescription(
              "A file holding the password of postgres.username, such as a mounted Kubernetes"
                  + " secret; one trailing line break is ignored. Read where the job is built"
                  + " (the JobManager, for a job submitted to a cluster). Not together with"
                  + " postgres.password.");

  public static final ConfigOption<Duration> RECONNECT_TIMEOUT =
      key("postgres.sink.reconnect-timeout")
          .durationType()
          .defaultValue(Duration.ofMinutes(5))
          .withDescription(
              "How long the PostgreSQL sinks wait for a database they cannot reach, trying again"
                  + " and holding back their input meanwhile, before they fail the job and leave"
                  + " it to the restart strategy. Keep it below kafka.transaction-timeout.");

  public static final ConfigOption<Duration> RECONNECT_MAX_PAUSE =
      key("postgres.sink.reconnect-max-pause")
          .durationType()
          .defaultValue(Duration.ofSeconds(2))
          .withDescription(
              "The longest pause between two connection attempts of a waiting sink (the pause"
                  + " doubles from 100 ms): how late at most the sinks notice the database is back.");

  public static final ConfigOption<String> SCHEMA =
      key("postgres.schema")
          .stringType()
          .defaultValue("public")
          .withDescription(
              "The schema that holds the contract's tables; the migrations create it if needed.");

  private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private PostgresOptions() {}

  /**
   * The password: {@link #PASSWORD}, else the content of {@link #PASSWORD_FILE}, else {@value
   * #PASSWORD_ENVIRONMENT_VARIABLE}, else empty.
   */
  public static String password(ReadableConfig config) {
    Optional<String> password = config.getOptional(PASSWORD);
    Optional<String> file = config.getOptional(PASSWORD_FILE);
    if (password.isPresent() && file.isPresent()) {
      throw new IllegalArgumentException(
          "give " + PASSWORD.key() + " or " + PASSWORD_FILE.key() + ", not both");
    }
    if (password.isPresent()) {
      return password.get();
    }
    if (file.isPresent()) {
      return readPasswordFile(Path.of(file.get()));
    }
    String fromEnvironment = System.getenv(PASSWORD_ENVIRONMENT_VARIABLE);
    return fromEnvironment == null ? "" : fromEnvironment;
  }

  private static String readPasswordFile(Path file) {
    try {
      // Files written by echo or an editor end in a line break that is no part of the password.
      return Files.readString(file).replaceFirst("\\r?\\n\\z", "");
    } catch (IOException e) {
      // The exception names the file and the reason, never its content.
      throw new IllegalArgumentException(
          "could not read " + PASSWORD_FILE.key() + " " + file + ": " + e, e);
    }
  }

  /** The configured schema, checked to be a plain identifier since it is written into SQL. */
  public static String schema(ReadableConfig config) {
    String schema = config.get(SCHEMA);
    if (!SCHEMA_NAME.matcher(schema).matches()) {
      throw new IllegalArgumentException(
          SCHEMA.key() + " must be a lower-case identifier, got '" + schema + "'");
    }
    return schema;
  }

  public static String url(ReadableConfig config) {
    return config
        .getOptional(URL)
        .orElseThrow(
            () -> new IllegalArgumentException("missing " + URL.key() + " in the configuration"));
  }
}
