package io.flashsale.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flashsale.config.PostgresOptions;
import io.flashsale.embedded.EmbeddedPostgres;
import io.flashsale.embedded.PostgresSecurity;
import io.flashsale.events.CartEvent;
import io.flashsale.events.FraudAlert;
import io.flashsale.events.Position;
import io.flashsale.events.StockMovement;
import io.flashsale.fraud.Carts;
import io.flashsale.inventory.FlashSaleScenario;
import io.flashsale.inventory.InventoryOptions;
import io.flashsale.inventory.LedgerInvariants;
import io.flashsale.jdbc.SchemaMigrations;
import io.flashsale.kafka.Topics;
import io.flashsale.testing.JobsOnKafka;
import io.flashsale.testing.Producing;
import io.flashsale.testing.TopicTail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.logging.log4j.Level;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema migrations and the jobs against a PostgreSQL that takes TLS connections with a
 * password and nothing else, set up through the job options alone: the URL asks for {@code
 * sslmode=verify-full} against the server's certificate, and the password comes from a file, as a
 * mounted Kubernetes secret would give it. Rows arrive over TLS; a connection without TLS and a
 * wrong password are refused; and the password is in none of the run's log lines, which are all
 * kept: Flink's, the jobs', the Kafka clients' and broker's, Flyway's and the JDBC driver's.
 */
class PostgresSecurityTest {

  private static final String PREFIX = "secure.";
  private static final String ROLE = "flashsale";
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(3)
              .build());

  @TempDir Path secrets;

  @Test
  void shouldWriteOverTlsWithAPasswordFromAFileAndNeverLogThePassword() throws Exception {
    String password = "pw-" + UUID.randomUUID();
    try (RunLogs logs =
            RunLogs.capture(
                Map.of(
                    "org.apache.flink", Level.INFO,
                    "org.apache.kafka", Level.INFO,
                    "kafka", Level.INFO,
                    "org.flywaydb", Level.INFO,
                    "io.flashsale", Level.DEBUG,
                    "org.apache.flink.connector.jdbc", Level.DEBUG));
        EmbeddedPostgres postgres =
            EmbeddedPostgres.start(PostgresSecurity.tlsWithPassword(ROLE, password));
        JobsOnKafka servers = JobsOnKafka.kafkaOnly()) {
      Topics topics = servers.createTopics(PREFIX);
      Configuration config = servers.config(PREFIX);
      config.set(CoreOptions.DEFAULT_PARALLELISM, 1);
      config.set(
          InventoryOptions.ALLOCATION_FILE, JobsOnKafka.resource("allocation-direct-only.yaml"));
      config.set(PostgresOptions.URL, postgres.jdbcUrl());
      config.set(PostgresOptions.USERNAME, ROLE);
      config.set(PostgresOptions.PASSWORD_FILE, passwordFile("postgres-password", password));
      config.set(PostgresOptions.SCHEMA, JobsOnKafka.schema(PREFIX));

      assertThat(SchemaMigrations.apply(config)).as("migrations applied").isEqualTo(1);
      assertThatThrownBy(() -> SchemaMigrations.apply(withoutTls(config, postgres)))
          .as("a connection without TLS")
          .hasStackTraceContaining("no encryption");
      assertThatThrownBy(() -> SchemaMigrations.apply(withPasswordFile(config, "not-it")))
          .as("a wrong password")
          .hasStackTraceContaining("password authentication failed");

      try (TopicTail<Position> positions =
              servers.tail(topics.inventoryPositions(), Position.class);
          TopicTail<FraudAlert> alerts = servers.tail(topics.fraudAlerts(), FraudAlert.class);
          Producing producing = servers.producer()) {
        List<JobClient> jobs =
            List.of(
                servers.startInventory(config),
                servers.startFraud(config),
                servers.startTableSync(config));
        FlashSaleScenario sale =
            FlashSaleScenario.generate(
                20261201, 200, 20, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        producing.send(topics.inventoryStock(), sale.receipts, StockMovement::sku);
        producing.send(topics.storefrontCarts(), sale.carts, CartEvent::sku);
        producing.send(topics.storefrontCarts(), botBurst(), CartEvent::sku);
        producing.flush();

        List<FraudAlert> alerted = alerts.awaitSettled(a -> !a.isEmpty(), TIMEOUT, Duration.ZERO);
        Map<String, Long> lastVersions =
            versions(
                LedgerInvariants.lastPositions(
                    positions.awaitSettled(p -> true, TIMEOUT, Duration.ofSeconds(3))));
        Awaitility.await("inventory_position and fraud_review equal to the topics")
            .atMost(TIMEOUT)
            .pollInterval(Duration.ofMillis(200))
            .until(
                () ->
                    rowVersions(postgres, password).equals(lastVersions)
                        && reviewRows(postgres, password)
                            .containsAll(alerted.stream().map(FraudAlert::alertId).toList()));
        assertThat(sessionsOf(postgres, password))
            .as("the table sync job's two sinks' sessions and this test's, each over TLS")
            .hasSizeGreaterThanOrEqualTo(3)
            .containsOnly(true);
        for (JobClient job : jobs) {
          job.cancel().get();
        }
      }

      List<RunLogs.Line> lines = List.copyOf(logs.lines());
      System.out.printf(
          "%d log lines kept, %d of them from the PostgreSQL driver; none holds the password.%n",
          lines.size(),
          lines.stream().filter(l -> l.logger().startsWith("org.postgresql")).count());
      assertThat(lines)
          .as("Flink's lines")
          .anyMatch(
              l -> l.logger().startsWith("org.apache.flink") && l.text().contains("to RUNNING"));
      assertThat(lines)
          .as("the jobs' lines")
          .anyMatch(
              l -> l.logger().startsWith("io.flashsale") && l.text().contains("event=fraud_alert"));
      assertThat(lines)
          .as("Flyway's lines")
          .anyMatch(
              l ->
                  l.logger().startsWith("org.flywaydb")
                      && l.text().contains("Successfully applied"));
      assertThat(lines)
          .as("the JDBC driver's lines")
          .anyMatch(
              l ->
                  l.logger().startsWith("org.postgresql")
                      && l.text().contains(postgres.database()));
      // The loggers only: the failure message must not spread the secret further.
      assertThat(lines.stream().filter(l -> l.text().contains(password)).map(RunLogs.Line::logger))
          .as("loggers of the lines that hold the password")
          .isEmpty();
    }
  }

  /** Five holds from one device within half a second: a hold burst the fraud job flags. */
  private static List<CartEvent> botBurst() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<CartEvent> burst = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      burst.add(
          Carts.hold("bot-" + i, now.plusMillis(100L * i))
              .customer("bot")
              .device("bot-device")
              .build());
    }
    return burst;
  }

  /** The secret as a mounted secret file: readable by its owner only, with a line break. */
  private String passwordFile(String name, String password) throws Exception {
    Path file =
        Files.createFile(
            secrets.resolve(name),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, password + "\n");
    return file.toString();
  }

  private Configuration withPasswordFile(Configuration config, String password) throws Exception {
    Configuration changed = new Configuration(config);
    changed.set(PostgresOptions.PASSWORD_FILE, passwordFile("wrong-password", password));
    return changed;
  }

  private static Configuration withoutTls(Configuration config, EmbeddedPostgres postgres) {
    Configuration changed = new Configuration(config);
    changed.set(
        PostgresOptions.URL,
        "jdbc:postgresql://127.0.0.1:"
            + postgres.port()
            + "/"
            + postgres.database()
            + "?sslmode=disable");
    return changed;
  }

  private static Map<String, Long> versions(Map<String, Position> positions) {
    Map<String, Long> versions = new HashMap<>();
    positions.forEach((key, position) -> versions.put(key, position.version()));
    return versions;
  }

  private static Connection connect(EmbeddedPostgres postgres, String password)
      throws SQLException {
    return DriverManager.getConnection(postgres.jdbcUrl(), ROLE, password);
  }

  private static Map<String, Long> rowVersions(EmbeddedPostgres postgres, String password)
      throws SQLException {
    Map<String, Long> versions = new HashMap<>();
    try (Connection connection = connect(postgres, password);
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT sku, pool, version FROM "
                    + JobsOnKafka.schema(PREFIX)
                    + ".inventory_position")) {
      while (rows.next()) {
        versions.put(rows.getString("sku") + "|" + rows.getString("pool"), rows.getLong("version"));
      }
    }
    return versions;
  }

  private static Set<String> reviewRows(EmbeddedPostgres postgres, String password)
      throws SQLException {
    Set<String> ids = new HashSet<>();
    try (Connection connection = connect(postgres, password);
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT alert_id FROM " + JobsOnKafka.schema(PREFIX) + ".fraud_review")) {
      while (rows.next()) {
        ids.add(rows.getString("alert_id"));
      }
    }
    return ids;
  }

  /** Whether each client session of the role, this one among them, runs over TLS. */
  private static List<Boolean> sessionsOf(EmbeddedPostgres postgres, String password)
      throws SQLException {
    try (Connection connection = connect(postgres, password);
        Statement statement = connection.createStatement();
        ResultSet sessions =
            statement.executeQuery(
                "SELECT s.ssl FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid)"
                    + " WHERE a.usename = '"
                    + ROLE
                    + "' AND a.backend_type = 'client backend'")) {
      List<Boolean> tls = new ArrayList<>();
      while (sessions.next()) {
        tls.add(sessions.getBoolean(1));
      }
      return tls;
    }
  }
}
