package io.flashsale.analytics;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/**
 * The rows of a finished query, each value as text, NULL as null. Times are ISO-8601 UTC: the
 * session time zone of {@code sql/} is UTC, so a local timestamp (a window's start) is one too.
 */
public record QueryResult(List<String> columns, List<List<String>> rows) {

  public static QueryResult collect(TableResult result) {
    List<String> columns = result.getResolvedSchema().getColumnNames();
    List<List<String>> rows = new ArrayList<>();
    try (CloseableIterator<Row> iterator = result.collect()) {
      while (iterator.hasNext()) {
        Row row = iterator.next();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < row.getArity(); i++) {
          values.add(text(row.getField(i)));
        }
        rows.add(values);
      }
    } catch (Exception e) {
      throw new IllegalStateException("the query failed: " + e.getMessage(), e);
    }
    return new QueryResult(List.copyOf(columns), rows);
  }

  /** The values of one column, in row order. */
  public List<String> column(String name) {
    int index = columns.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException("no column " + name + " in " + columns);
    }
    return rows.stream().map(row -> row.get(index)).toList();
  }

  /** A value as this class writes it. */
  static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof LocalDateTime local) {
      return local.toInstant(ZoneOffset.UTC).toString();
    }
    return value.toString();
  }
}
