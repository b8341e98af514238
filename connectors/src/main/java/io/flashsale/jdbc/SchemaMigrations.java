package io.flashsale.jdbc;

import io.flashsale.config.PostgresOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Creates and evolves the contract's tables from the versioned SQL files in {@code db/migration}.
 * Applying them again changes nothing: each file runs once per database.
 */
public final class SchemaMigrations {

  private SchemaMigrations() {}

  /**
   * Applies the migrations to the database and schema of the {@code postgres.*} options.
   *
   * @return how many migrations this call applied
   */
  public static int apply(ReadableConfig config) {
    return apply(
        PostgresOptions.url(config),
        config.get(PostgresOptions.USERNAME),
        PostgresOptions.password(config),
        PostgresOptions.schema(config));
  }

  /**
   * @return how many migrations this call applied
   */
  public static int apply(String url, String username, String password, String schema) {
    MigrateResult result =
        Flyway.configure(SchemaMigrations.class.getClassLoader())
            .dataSource(url, username, password)
            .locations("classpath:db/migration")
            .schemas(schema)
            .defaultSchema(schema)
            .table("flashsale_schema_history")
            .load()
            .migrate();
    return result.migrationsExecuted;
  }
}
