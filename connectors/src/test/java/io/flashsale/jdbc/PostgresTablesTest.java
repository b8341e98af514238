package io.flashsale.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashsale.embedded.EmbeddedPostgres;
import io.flashsale.events.FraudAction;
import io.flashsale.events.FraudAlert;
import io.flashsale.events.FraudPattern;
import io.flashsale.events.Pool;
import io.flashsale.events.Position;
import io.flashsale.events.SubjectType;
import io.flashsale.serde.EventJson;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The migrations, the position upsert and the fraud review insert against a real PostgreSQL. */
class PostgresTablesTest {

  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void start() {
    postgres = EmbeddedPostgres.start();
  }

  @AfterAll
  static void stop() {
    postgres.close();
  }

  @Test
  void shouldCreateEveryContractTableOnceAndChangeNothingWhenAppliedAgain() throws SQLException {
    assertThat(migrate("first")).isEqualTo(1);
    assertThat(migrate("first")).isZero();
    assertThat(tables("first"))
        .contains("inventory_position", "channel_quota", "fraud_review", "product");
    assertThat(migrate("second")).as("another schema gets its own tables").isEqualTo(1);
  }

  @Test
  void shouldOnlyMoveAPositionForwardInVersion() throws SQLException {
    migrate("upserts");
    Position v2 = position(2, 7);
    Position v1 = position(1, 9);
    Position v3 = position(3, 4);
    try (Connection connection = connect();
        PreparedStatement upsert = connection.prepareStatement(PositionUpsert.sql("upserts"))) {
      for (Position position : List.of(v2, v1, v2, v3, v1)) {
        new PositionUpsert().accept(upsert, position);
        upsert.executeUpdate();
      }
      try (ResultSet row =
          connection
              .createStatement()
              .executeQuery(
                  "SELECT on_hand, version, updated_at FROM upserts.inventory_position")) {
        assertThat(row.next()).isTrue();
        assertThat(row.getLong("on_hand")).isEqualTo(4);
        assertThat(row.getLong("version")).isEqualTo(3);
        assertThat(row.getTimestamp("updated_at").toLocalDateTime())
            .isEqualTo(java.time.LocalDateTime.parse("2026-11-27T10:00:03"));
        assertThat(row.next()).isFalse();
      }
    }
  }

  @Test
  void shouldAddAnAlertAsNewOnceAndNeverResetAReviewersStatus() throws SQLException {
    migrate("reviews");
    FraudAlert alert =
        new FraudAlert(
            "5b0c7c6e-2f0a-3d5e-9a57-0d5b1f1e2a41",
            FraudPattern.BOT_VELOCITY,
            90,
            85,
            FraudAction.REVIEW,
            SubjectType.DEVICE,
            "device-7",
            null,
            "device-7",
            "10.0.0.1",
            null,
            List.of("e1", "e2"),
            Instant.parse("2026-11-27T10:00:00Z"),
            Instant.parse("2026-11-27T10:00:04.250Z"),
            Instant.parse("2026-11-27T10:00:04.250Z"));
    try (Connection connection = connect();
        PreparedStatement insert = connection.prepareStatement(FraudReviewInsert.sql("reviews"))) {
      new FraudReviewInsert().accept(insert, alert);
      assertThat(insert.executeUpdate()).isEqualTo(1);
      connection
          .createStatement()
          .executeUpdate("UPDATE reviews.fraud_review SET status = 'CONFIRMED'");

      new FraudReviewInsert().accept(insert, alert);
      assertThat(insert.executeUpdate()).as("a replayed alert changes nothing").isZero();

      try (ResultSet row =
          connection.createStatement().executeQuery("SELECT * FROM reviews.fraud_review")) {
        assertThat(row.next()).isTrue();
        assertThat(row.getString("alert_id")).isEqualTo(alert.alertId());
        assertThat(row.getString("pattern")).isEqualTo("BOT_VELOCITY");
        assertThat(row.getInt("risk_score")).isEqualTo(90);
        assertThat(row.getString("subject_type")).isEqualTo("DEVICE");
        assertThat(row.getString("subject")).isEqualTo("device-7");
        assertThat(row.getTimestamp("detected_at").toLocalDateTime())
            .isEqualTo(java.time.LocalDateTime.parse("2026-11-27T10:00:04.250"));
        assertThat(row.getString("status")).isEqualTo("CONFIRMED");
        assertThat(EventJson.read(row.getString("evidence"), FraudAlert.class)).isEqualTo(alert);
        assertThat(row.next()).isFalse();
      }
    }
  }

  private static Position position(long version, long onHand) {
    return new Position(
        "SKU-1",
        Pool.MAIN,
        onHand,
        0,
        0,
        onHand,
        0,
        0,
        version,
        Instant.parse("2026-11-27T10:00:00Z").plusSeconds(version));
  }

  private static int migrate(String schema) {
    return SchemaMigrations.apply(
        postgres.jdbcUrl(), postgres.username(), postgres.password(), schema);
  }

  private static List<String> tables(String schema) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Connection connection = connect();
        ResultSet result =
            connection.getMetaData().getTables(null, schema, "%", new String[] {"TABLE"})) {
      while (result.next()) {
        tables.add(result.getString("TABLE_NAME"));
      }
    }
    return tables;
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(
        postgres.jdbcUrl(), postgres.username(), postgres.password());
  }
}
