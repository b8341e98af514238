package io.flashsale.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashsale.embedded.EmbeddedPostgres;
import io.flashsale.events.DecisionReason;
import io.flashsale.events.Position;
import io.flashsale.inventory.LedgerInvariants;
import io.flashsale.testing.JobsOnKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The PostgreSQL that the table sync job on a real session cluster writes stops the hard way for 30
 * s a quarter of the way through a flash sale, and comes back with its data on the same port after
 * the sale's last event. The inventory job does not need it and keeps deciding. The table sync
 * job's sinks wait for it without failing (no restart), then catch up: nothing lost or doubled on
 * the topics, and the {@code inventory_position} rows end equal to the last positions, one row per
 * key.
 *
 * <p>It stops the servers' shared PostgreSQL and always starts it again, so that the test classes
 * after it find it as it was.
 */
@ExtendWith(JobsOnSessionCluster.Extension.class)
class PostgresOutageTest {

  private static final String PREFIX = "pgdown.";
  private static final long SEED = 20261130;

  /** About 19 s of sale (a shopper's hold every 3 ms): most of it is sent while down. */
  private static final int CART_EVENTS = 12_000;

  /** Shoppers want about twice as many units. */
  private static final int HOT_STOCK = 750;

  /** Abandoned carts give their units back during the sale. */
  private static final String HOLD_TTL = "5s";

  private static final Duration DOWN = Duration.ofSeconds(30);
  private static final Duration TIMEOUT = ClusterSale.TIMEOUT;

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void shouldKeepDecidingAndCatchTheTablesUpWhenPostgresStopsForThirtySecondsMidSale(
      JobsOnSessionCluster jobs) throws Exception {
    FlinkRest rest = jobs.rest();
    JobsOnKafka servers = jobs.servers();
    EmbeddedPostgres postgres = servers.postgres();
    try (ClusterSale sale = ClusterSale.open(jobs, PREFIX)) {
      List<String> running = sale.runInventoryAndTableSync(HOLD_TTL);
      String inventory = running.get(0);
      String tableSync = running.get(1);
      sale.receiveStock(SEED, CART_EVENTS, HOT_STOCK);
      SaleReplay replay = sale.replay();
      Thread selling = sale.play(0, replay.size());

      // ---- a quarter into the sale, with answers flowing, PostgreSQL stops for 30 s ----
      Awaitility.await("a quarter of the sale sent and answers read")
          .atMost(TIMEOUT)
          .until(() -> replay.sent() >= replay.size() / 4 && sale.decisions.size() > 0);
      int sentBeforeStop = replay.sent();
      int decisionsBeforeStop = sale.decisions.size();
      long stoppedAt = System.currentTimeMillis();
      postgres.stop();
      Map<String, Position> topicAtReturn;
      int decisionsWhileDown;
      try {
        Thread.sleep(DOWN.toMillis());
        decisionsWhileDown = sale.decisions.size() - decisionsBeforeStop;
        topicAtReturn = LedgerInvariants.lastPositions(sale.positions.snapshot());
      } finally {
        postgres.startAgain();
      }
      long backAt = System.currentTimeMillis();
      int rowsBehindAtReturn = rowsBehind(servers.positionRows(PREFIX), topicAtReturn);
      Awaitility.await("inventory_position caught up with the positions read before the return")
          .atMost(TIMEOUT)
          .pollInterval(Duration.ofMillis(100))
          .until(() -> rowsBehind(servers.positionRows(PREFIX), topicAtReturn) == 0);
      long caughtUpAt = System.currentTimeMillis();

      selling.join(TIMEOUT.toMillis());
      assertThat(selling.isAlive()).as("the sale still being sent").isFalse();
      ClusterSale.Settled settled = sale.settle();
      long settledAt = System.currentTimeMillis();
      Recovery recovery = Recovery.measure(sale.decisions.received(), replay, stoppedAt, backAt);
      Reconciliation reconciliation = sale.reconcile(settled);
      RowCount rows = RowCount.of(postgres, JobsOnKafka.schema(PREFIX));
      System.out.printf(
          "PostgreSQL stopped with %d of %d sale events sent and %d decisions read, back after"
              + " %d ms.%nMeanwhile the inventory job went on: %d decisions read while it was"
              + " down; first answer to a cart event sent after the stop readable %d ms after"
              + " the stop, all %d cart events sent while it was down answered %d ms after the"
              + " stop.%nThe table sync job: %d of %d inventory_position rows behind the topic at"
              + " the return, all caught up %d ms after the return; the sale settled %d ms after"
              + " the return.%nIts sinks logged: %s%n%s%ninventory_position: %d rows, %d keys, %d"
              + " duplicate rows, %d rows missing or behind the topic.%n",
          sentBeforeStop,
          replay.size(),
          decisionsBeforeStop,
          backAt - stoppedAt,
          decisionsWhileDown,
          recovery.firstNewAnswerAt() - stoppedAt,
          recovery.sentWhileDown(),
          recovery.caughtUpAt() - stoppedAt,
          rowsBehindAtReturn,
          topicAtReturn.size(),
          caughtUpAt - backAt,
          settledAt - backAt,
          sinkLogLines(jobs.cluster()),
          reconciliation,
          rows.rows(),
          rows.keys(),
          rows.rows() - rows.keys(),
          rowsBehind(settled.rows(), settled.last()));

      assertThat(decisionsWhileDown).as("decisions read while PostgreSQL was down").isPositive();
      assertThat(rest.failures(inventory)).as("failures of the inventory job").isEmpty();
      assertThat(rest.failures(tableSync))
          .as("failures of the table sync job, which should wait for PostgreSQL")
          .isEmpty();
      assertThat(reconciliation.lost()).as("records lost: %s", reconciliation).isZero();
      assertThat(reconciliation.doubled()).as("records doubled: %s", reconciliation).isZero();
      sale.assertContract(settled);
      assertThat(rows.rows()).as("rows, one per key").isEqualTo(rows.keys());
      assertThat(rows.keys()).isEqualTo(settled.last().size());
      assertThat(settled.decisions())
          .as("shoppers wanted more than there was")
          .anyMatch(d -> d.reason() == DecisionReason.INSUFFICIENT_STOCK);
    }
  }

  /** Keys of {@code topic} whose row is missing or holds an older version. */
  private static int rowsBehind(Map<String, Position> rows, Map<String, Position> topic) {
    int behind = 0;
    for (Position position : topic.values()) {
      Position row = rows.get(position.key());
      if (row == null || row.version() < position.version()) {
        behind++;
      }
    }
    return behind;
  }

  /** The sinks' own lines about the outage, from the cluster's TaskManager logs. */
  private static List<String> sinkLogLines(SessionCluster cluster) throws IOException {
    try (Stream<Path> logs = Files.list(cluster.runDirectory().resolve("log"))) {
      return logs.filter(log -> log.getFileName().toString().endsWith(".log"))
          .flatMap(PostgresOutageTest::lines)
          .filter(line -> line.contains("event=postgres_"))
          .map(line -> line.substring(line.indexOf("event=")))
          .toList();
    }
  }

  private static Stream<String> lines(Path log) {
    try {
      return Files.readAllLines(log).stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** All rows of {@code inventory_position} and its distinct keys. */
  private record RowCount(long rows, long keys) {

    static RowCount of(EmbeddedPostgres postgres, String schema) throws Exception {
      try (Connection connection =
              DriverManager.getConnection(
                  postgres.jdbcUrl(), postgres.username(), postgres.password());
          Statement statement = connection.createStatement();
          ResultSet count =
              statement.executeQuery(
                  "SELECT count(*), count(DISTINCT (sku, pool)) FROM "
                      + schema
                      + ".inventory_position")) {
        count.next();
        return new RowCount(count.getLong(1), count.getLong(2));
      }
    }
  }
}
