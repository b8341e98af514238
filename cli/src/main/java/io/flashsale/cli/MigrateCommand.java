package io.flashsale.cli;

import io.flashsale.config.PostgresOptions;
import io.flashsale.jdbc.SchemaMigrations;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Applies the schema migrations to PostgreSQL; applying them again changes nothing. */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description =
        "Creates or updates the contract's PostgreSQL tables. The password is read from"
            + " --password-file, else from "
            + PostgresOptions.PASSWORD_ENVIRONMENT_VARIABLE
            + ". For TLS, name it in the URL, e.g."
            + " ?sslmode=verify-full&sslrootcert=/etc/flashsale/postgres-ca.crt.")
final class MigrateCommand implements Callable<Integer> {

  @Option(names = "--url", required = true, description = "JDBC URL of the database.")
  String url;

  @Option(names = "--username", defaultValue = "flashsale")
  String username;

  @Option(names = "--schema", defaultValue = "public")
  String schema;

  @Option(
      names = "--password-file",
      description =
          "A file holding the password, e.g. a mounted secret (a trailing line break is"
              + " ignored).")
  String passwordFile;

  @Override
  public Integer call() {
    Configuration config = new Configuration();
    config.set(PostgresOptions.URL, url);
    config.set(PostgresOptions.USERNAME, username);
    config.set(PostgresOptions.SCHEMA, schema);
    if (passwordFile != null) {
      config.set(PostgresOptions.PASSWORD_FILE, passwordFile);
    }
    int applied = SchemaMigrations.apply(config);
    System.out.println(
        applied == 0 ? "schema is up to date" : "applied " + applied + " migration(s)");
    return 0;
  }
}
