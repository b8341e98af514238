package io.flashsale.config;

import static org.apache.flink.configuration.ConfigOptions.key;

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
              "Password of postgres.username; when absent, the environment variable "
                  + PASSWORD_ENVIRONMENT_VARIABLE
                  + " is read.");

  public static final ConfigOption<String> SCHEMA =
      key("postgres.schema")
          .stringType()
          .defaultValue("public")
          .withDescription(
              "The schema that holds the contract's tables; the migrations create it if needed.");

  private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private PostgresOptions() {}

  public static String password(ReadableConfig config) {
    return config
        .getOptional(PASSWORD)
        .orElseGet(
            () -> {
              String fromEnvironment = System.getenv(PASSWORD_ENVIRONMENT_VARIABLE);
              return fromEnvironment == null ? "" : fromEnvironment;
            });
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
