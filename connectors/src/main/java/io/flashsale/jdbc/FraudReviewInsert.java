package io.flashsale.jdbc;

import io.flashsale.events.FraudAlert;
import io.flashsale.serde.EventJson;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;

/**
 * Adds an alert to {@code fraud_review} with status NEW and the whole alert as JSON evidence. An
 * alert already there (a replay) is left as it is, so a reviewer's status is never reset.
 */
public final class FraudReviewInsert implements JdbcStatementBuilder<FraudAlert> {

  public static String sql(String schema) {
    return "INSERT INTO "
        + schema
        + ".fraud_review"
        + " (alert_id, pattern, risk_score, subject_type, subject, detected_at, status, evidence)"
        + " VALUES (?, ?, ?, ?, ?, ?, 'NEW', ?)"
        + " ON CONFLICT (alert_id) DO NOTHING";
  }

  @Override
  public void accept(PreparedStatement statement, FraudAlert alert) throws SQLException {
    statement.setString(1, alert.alertId());
    statement.setString(2, alert.pattern().name());
    statement.setInt(3, alert.riskScore());
    statement.setString(4, alert.subjectType().name());
    statement.setString(5, alert.subject());
    statement.setTimestamp(
        6, Timestamp.valueOf(LocalDateTime.ofInstant(alert.detectedAt(), ZoneOffset.UTC)));
    statement.setString(7, EventJson.writeString(alert));
  }
}
