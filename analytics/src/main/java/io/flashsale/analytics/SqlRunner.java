package io.flashsale.analytics;

import io.flashsale.udfs.Functions;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;

/**
 * Runs the question scripts of {@code sql/queries} the way an analyst runs them in the SQL client:
 * first the tables and views of {@code sql/} and the functions of the udfs jar, then the script.
 *
 * <p>Batch (the default) answers over everything on the topics when the query starts and ends;
 * streaming reads on and updates its answer as events arrive, as a live view during a sale.
 */
public final class SqlRunner {

  /** The files every script builds on, in order. */
  public static final List<String> SETUP = List.of("kafka_tables.sql", "postgres_tables.sql");

  public static final String VIEWS = "views.sql";

  private static final Pattern SET =
      Pattern.compile("SET\\s+'([^']+)'\\s*=\\s*'([^']*)'", Pattern.CASE_INSENSITIVE);

  private final TableEnvironment tables;
  private final Path sqlDir;

  private SqlRunner(TableEnvironment tables, Path sqlDir) {
    this.tables = tables;
    this.sqlDir = sqlDir;
  }

  /**
   * A session with every table, view and function defined.
   *
   * @param flink the session's Flink configuration: empty for a local mini cluster, or a remote
   *     target ({@code execution.target: remote}, {@code rest.address}, {@code rest.port}, and the
   *     jars to ship in {@code pipeline.jars})
   */
  public static SqlRunner open(
      Path sqlDir, SqlConnections connections, boolean streaming, Configuration flink) {
    EnvironmentSettings.Builder settings =
        EnvironmentSettings.newInstance().withConfiguration(flink);
    TableEnvironment tables =
        TableEnvironment.create(
            (streaming ? settings.inStreamingMode() : settings.inBatchMode()).build());
    // Batch joins the optimizer leaves to be decided at run time never finish with the 2.2.0
    // planner on the 2.2.1 runtime (the query waits for ever); joins planned up front do.
    tables.getConfig().set("table.optimizer.adaptive-broadcast-join.strategy", "none");
    tables.getConfig().set("table.optimizer.skewed-join-optimization.strategy", "none");
    // A partition with no new events must not hold a live view's windows open.
    tables.getConfig().set("table.exec.source.idle-timeout", "5 s");
    Functions.ALL.forEach(tables::createTemporarySystemFunction);
    SqlRunner runner = new SqlRunner(tables, sqlDir);
    SETUP.forEach(file -> runner.execute(sqlDir.resolve(file)));
    connections.applyTo(tables);
    runner.execute(sqlDir.resolve(VIEWS));
    return runner;
  }

  /** Runs every statement of {@code script}; the result is the last statement's. */
  public TableResult execute(Path script) {
    SqlScript sql = SqlScript.read(script);
    if (sql.statements().stream().allMatch(s -> SET.matcher(s).matches())) {
      throw new IllegalArgumentException(script + " has no statement");
    }
    TableResult result = null;
    for (String statement : sql.statements()) {
      try {
        Matcher set = SET.matcher(statement);
        if (set.matches()) {
          // The SQL client's SET; a TableEnvironment takes it as configuration.
          tables.getConfig().set(set.group(1), set.group(2));
          continue;
        }
        result = tables.executeSql(statement);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            script.getFileName() + ": " + e.getMessage() + "\nin: " + firstLine(statement), e);
      }
    }
    return result;
  }

  /** Runs a question script of {@code sql/queries} and collects its answer. */
  public QueryResult query(String question) {
    return QueryResult.collect(execute(question(question)));
  }

  public Path question(String name) {
    return sqlDir.resolve("queries").resolve(name.endsWith(".sql") ? name : name + ".sql");
  }

  private static String firstLine(String statement) {
    int end = statement.indexOf('\n');
    return end < 0 ? statement : statement.substring(0, end) + " ...";
  }
}
