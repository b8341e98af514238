package io.flashsale.jdbc;

import io.flashsale.events.Position;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;

/**
 * Upserts a position into {@code inventory_position}. A row only moves forward: an older version (a
 * replay after a restart) leaves a newer row as it is.
 */
public final class PositionUpsert implements JdbcStatementBuilder<Position> {

  private static final String COLUMNS =
      "sku, pool, on_hand, held, committed, available, buffer_units, quota_outstanding, version,"
          + " updated_at";

  public static String sql(String schema) {
    String table = schema + ".inventory_position";
    return "INSERT INTO "
        + table
        + " ("
        + COLUMNS
        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        + " ON CONFLICT (sku, pool) DO UPDATE SET"
        + " on_hand = EXCLUDED.on_hand, held = EXCLUDED.held, committed = EXCLUDED.committed,"
        + " available = EXCLUDED.available, buffer_units = EXCLUDED.buffer_units,"
        + " quota_outstanding = EXCLUDED.quota_outstanding, version = EXCLUDED.version,"
        + " updated_at = EXCLUDED.updated_at"
        + " WHERE inventory_position.version < EXCLUDED.version";
  }

  @Override
  public void accept(PreparedStatement statement, Position position) throws SQLException {
    statement.setString(1, position.sku());
    statement.setString(2, position.pool().name());
    statement.setLong(3, position.onHand());
    statement.setLong(4, position.held());
    statement.setLong(5, position.committed());
    statement.setLong(6, position.available());
    statement.setLong(7, position.bufferUnits());
    statement.setLong(8, position.quotaOutstanding());
    statement.setLong(9, position.version());
    statement.setTimestamp(
        10, Timestamp.valueOf(LocalDateTime.ofInstant(position.updatedAt(), ZoneOffset.UTC)));
  }
}
