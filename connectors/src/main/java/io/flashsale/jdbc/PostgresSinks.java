package io.flashsale.jdbc;

import io.flashsale.config.PostgresOptions;
import io.flashsale.events.FraudAlert;
import io.flashsale.events.Position;
import java.time.Duration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;

/**
 * The PostgreSQL sinks. They write at least once; the upserts and inserts make a repeated write
 * change nothing, so the tables end equal to the topics they are read from. While the database is
 * unreachable they wait for it ({@link PatientConnectionProvider}) and then catch up; if it stays
 * away longer, they fail the job without taking down the TaskManager ({@link SafelyClosingSink}).
 */
public final class PostgresSinks {

  /**
   * A batch is written when it has 500 rows and at every checkpoint. No timer flushes it: a flush
   * waiting for the database would hold the writer's lock in the timer's thread, where cancelling
   * the task cannot interrupt it; in the task's thread it can.
   */
  private static final JdbcExecutionOptions BATCHES =
      JdbcExecutionOptions.builder()
          .withBatchSize(500)
          .withBatchIntervalMs(0)
          .withMaxRetries(5)
          .build();

  private final JdbcConnectionOptions connection;
  private final Duration reconnectTimeout;
  private final Duration reconnectMaxPause;
  private final String schema;

  public PostgresSinks(ReadableConfig config) {
    this.connection =
        new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
            .withUrl(PostgresOptions.url(config))
            .withDriverName("org.postgresql.Driver")
            .withUsername(config.get(PostgresOptions.USERNAME))
            .withPassword(PostgresOptions.password(config))
            .build();
    this.reconnectTimeout = config.get(PostgresOptions.RECONNECT_TIMEOUT);
    this.reconnectMaxPause = config.get(PostgresOptions.RECONNECT_MAX_PAUSE);
    this.schema = PostgresOptions.schema(config);
  }

  public SafelyClosingSink<Position> positionsAtLeastOnce() {
    return atLeastOnce(PositionUpsert.sql(schema), new PositionUpsert(), "inventory_position");
  }

  /** New alerts into {@code fraud_review}; an alert already there keeps its review status. */
  public SafelyClosingSink<FraudAlert> fraudReviewsAtLeastOnce() {
    return atLeastOnce(FraudReviewInsert.sql(schema), new FraudReviewInsert(), "fraud_review");
  }

  private <T> SafelyClosingSink<T> atLeastOnce(
      String sql, JdbcStatementBuilder<T> statement, String table) {
    PatientConnectionProvider connections =
        new PatientConnectionProvider(connection, reconnectTimeout, reconnectMaxPause);
    JdbcSink<T> sink =
        JdbcSink.<T>builder()
            .withQueryStatement(sql, statement)
            .withExecutionOptions(BATCHES)
            .buildAtLeastOnce(connections);
    return new SafelyClosingSink<>(sink, connections, table);
  }
}
