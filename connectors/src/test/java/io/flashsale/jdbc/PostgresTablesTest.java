package io.flashsale.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashsale.embedded.EmbeddedPostgres;
import io.flashsale.events.Pool;
import io.flashsale.events.Position;
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

/** The migrations and the position upsert against a real PostgreSQL. */
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
