package io.flashsale.cli;

import io.flashsale.config.PostgresOptions;
import io.flashsale.jdbc.SchemaMigrations;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Applies the schema migrations to PostgreSQL; applying them again changes nothing. */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description =
        "Creates or updates the contract's PostgreSQL tables. The password is read from "
            + PostgresOptions.PASSWORD_ENVIRONMENT_VARIABLE
            + ".")
final class MigrateCommand implements Callable<Integer> {

  @Option(names = "--url", required = true, description = "JDBC URL of the database.")
  String url;

  @Option(names = "--username", defaultValue = "flashsale")
  String username;

  @Option(names = "--schema", defaultValue = "public")
  String schema;

  @Override
  public Integer call() {
    String password =
        System.getenv().getOrDefault(PostgresOptions.PASSWORD_ENVIRONMENT_VARIABLE, "");
    int applied = SchemaMigrations.apply(url, username, password, schema);
    System.out.println(
        applied == 0 ? "schema is up to date" : "applied " + applied + " migration(s)");
    return 0;
  }
}
