package io.flashsale.cli;

import io.flashsale.analytics.PostgresResults;
import io.flashsale.analytics.QueryResult;
import io.flashsale.analytics.SqlRunner;
import io.flashsale.config.PostgresOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.flink.table.api.TableResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs one SQL script on the tables of {@code sql/} and shows or stores its answer. */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description =
        "Runs a question script of sql/queries (by name, e.g. fastest_sellers) or any SQL file"
            + " after the tables, views and functions of sql/, and prints its answer as a table,"
            + " or writes it to PostgreSQL. The database password is read from "
            + PostgresOptions.PASSWORD_ENVIRONMENT_VARIABLE
            + ".")
final class SqlCommand implements Callable<Integer> {

  @Mixin SqlArguments sql;

  @Parameters(paramLabel = "SCRIPT", description = "A SQL file, or a script name of sql/queries.")
  String script;

  @Option(
      names = "--streaming",
      description = "Read on and update the answer as events arrive (a live view), until stopped.")
  boolean streaming;

  @Option(
      names = "--into",
      paramLabel = "TABLE",
      description =
          "Write the answer into this PostgreSQL table of --postgres-schema (created if missing),"
              + " replacing an earlier answer, instead of printing it.")
  String into;

  @Override
  public Integer call() {
    if (into != null && (streaming || sql.postgresUrl == null)) {
      System.err.println("--into needs --postgres-url, and a batch answer (no --streaming)");
      return 2;
    }
    SqlRunner runner = sql.open(streaming);
    Path file = Files.isRegularFile(Path.of(script)) ? Path.of(script) : runner.question(script);
    TableResult result = runner.execute(file);
    if (into == null) {
      result.print();
      return 0;
    }
    int rows =
        PostgresResults.write(
            QueryResult.collect(result),
            sql.postgresUrl,
            sql.postgresUsername == null ? "flashsale" : sql.postgresUsername,
            sql.password(),
            sql.postgresSchema == null ? "public" : sql.postgresSchema,
            into);
    System.out.println("wrote " + rows + " row(s) to " + into);
    return 0;
  }
}
