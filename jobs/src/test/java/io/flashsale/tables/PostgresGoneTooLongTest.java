package io.flashsale.tables;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashsale.config.PostgresOptions;
import io.flashsale.embedded.EmbeddedPostgres;
import io.flashsale.events.Pool;
import io.flashsale.events.Position;
import io.flashsale.kafka.Topics;
import io.flashsale.testing.JobMetrics;
import io.flashsale.testing.JobsOnKafka;
import io.flashsale.testing.Producing;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The table sync job when PostgreSQL stays away longer than its sinks wait: the job fails and is
 * restarted by its restart strategy, again and again, without taking its TaskManager down, and
 * catches up once the database is back.
 */
class PostgresGoneTooLongTest {

  private static final String PREFIX = "gone.";
  private static final Duration TIMEOUT = Duration.ofMinutes(1);

  private static final InMemoryReporter reporter = InMemoryReporter.createWithRetainedMetrics();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setConfiguration(reporter.addToConfiguration(new Configuration()))
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(1)
              .build());

  @Test
  void shouldRestartTheJobButKeepTheTaskManagerAndCatchUp() throws Exception {
    try (JobsOnKafka servers = JobsOnKafka.withPostgres();
        Producing producing = servers.producer()) {
      EmbeddedPostgres postgres = servers.postgres();
      Topics topics = servers.createTopics(PREFIX);
      Configuration config = servers.config(PREFIX);
      config.set(PostgresOptions.RECONNECT_TIMEOUT, Duration.ofSeconds(1));
      config.set(PostgresOptions.RECONNECT_MAX_PAUSE, Duration.ofMillis(200));
      JobClient tableSync = servers.startTableSync(config);
      producing.send(topics.inventoryPositions(), positions(1, 100), Position::key);
      servers.awaitPositionRows(PREFIX, last(positions(1, 100)), TIMEOUT);

      postgres.stop();
      try {
        producing.send(topics.inventoryPositions(), positions(2, 100), Position::key);
        // Until the job has failed and been restarted more than once.
        Awaitility.await("the table sync job restarted twice")
            .atMost(TIMEOUT)
            .pollInterval(Duration.ofMillis(100))
            .until(() -> JobMetrics.value(reporter, tableSync, "numRestarts") >= 2);
      } finally {
        postgres.startAgain();
      }

      Map<String, Position> rows =
          servers.awaitPositionRows(PREFIX, last(positions(2, 100)), TIMEOUT);
      assertThat(rows).hasSize(100);
      tableSync.cancel().get();
    }
  }

  /** Version {@code version} of {@code skus} SKUs' MAIN positions. */
  private static List<Position> positions(long version, int skus) {
    List<Position> positions = new ArrayList<>();
    for (int i = 0; i < skus; i++) {
      positions.add(
          new Position(
              "SKU-" + i,
              Pool.MAIN,
              100,
              0,
              version,
              100 - version,
              0,
              0,
              version,
              Instant.parse("2026-11-27T10:00:00Z").plusSeconds(version)));
    }
    return positions;
  }

  private static Map<String, Position> last(List<Position> positions) {
    return positions.stream().collect(Collectors.toMap(Position::key, Function.identity()));
  }
}
