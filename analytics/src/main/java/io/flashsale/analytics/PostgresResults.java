package io.flashsale.analytics;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes a question's answer into a PostgreSQL table, replacing what an earlier run wrote, so that
 * dashboards read the latest answer. The table is created on first use, every column as text
 * (answers are for reading; a view can cast them).
 */
public final class PostgresResults {

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  private PostgresResults() {}

  public static int write(
      QueryResult result, String url, String user, String password, String schema, String table) {
    for (String name :
        Stream.concat(Stream.of(schema, table), result.columns().stream()).toList()) {
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("not a plain SQL name: " + name);
      }
    }
    String qualified = schema + "." + table;
    String columns =
        result.columns().stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(", "));
    try (Connection db = DriverManager.getConnection(url, user, password)) {
      db.setAutoCommit(false);
      try (Statement ddl = db.createStatement()) {
        ddl.execute(
            "CREATE TABLE IF NOT EXISTS "
                + qualified
                + " ("
                + result.columns().stream()
                    .map(c -> "\"" + c + "\" TEXT")
                    .collect(Collectors.joining(", "))
                + ")");
        ddl.execute("DELETE FROM " + qualified);
      }
      String marks = result.columns().stream().map(c -> "?").collect(Collectors.joining(", "));
      try (PreparedStatement insert =
          db.prepareStatement(
              "INSERT INTO " + qualified + " (" + columns + ") VALUES (" + marks + ")")) {
        for (List<String> row : result.rows()) {
          for (int i = 0; i < row.size(); i++) {
            insert.setString(i + 1, row.get(i));
          }
          insert.addBatch();
        }
        insert.executeBatch();
      }
      db.commit();
      return result.rows().size();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write the answer to " + qualified, e);
    }
  }
}
