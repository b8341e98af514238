package io.flashsale.jdbc;

import io.flashsale.config.PostgresOptions;
import io.flashsale.events.FraudAlert;
import io.flashsale.events.Position;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;

/**
 * The PostgreSQL sinks. They write at least once; the upserts and inserts make a repeated write
 * change nothing, so the tables end equal to the topics they are read from.
 */
public final class PostgresSinks {

  private static final JdbcExecutionOptions BATCHES =
      JdbcExecutionOptions.builder()
          .withBatchSize(500)
          .withBatchIntervalMs(200)
          .withMaxRetries(5)
          .build();

  private final JdbcConnectionOptions connection;
  private final String schema;

  public PostgresSinks(ReadableConfig config) {
    this.connection =
        new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
            .withUrl(PostgresOptions.url(config))
            .withDriverName("org.postgresql.Driver")
            .withUsername(config.get(PostgresOptions.USERNAME))
            .withPassword(PostgresOptions.password(config))
            .build();
    this.schema = PostgresOptions.schema(config);
  }

  public JdbcSink<Position> positionsAtLeastOnce() {
    return JdbcSink.<Position>builder()
        .withQueryStatement(PositionUpsert.sql(schema), new PositionUpsert())
        .withExecutionOptions(BATCHES)
        .buildAtLeastOnce(connection);
  }

  /** New alerts into {@code fraud_review}; an alert already there keeps its review status. */
  public JdbcSink<FraudAlert> fraudReviewsAtLeastOnce() {
    return JdbcSink.<FraudAlert>builder()
        .withQueryStatement(FraudReviewInsert.sql(schema), new FraudReviewInsert())
        .withExecutionOptions(BATCHES)
        .buildAtLeastOnce(connection);
  }
}
