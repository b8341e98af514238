package io.flashsale.udfs;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/** Runs a query on a {@link TableEnvironment} and collects every row it returns. */
final class SqlRows {

  private SqlRows() {}

  static List<Row> of(TableEnvironment tableEnv, String query) throws Exception {
    List<Row> rows = new ArrayList<>();
    try (CloseableIterator<Row> results = tableEnv.executeSql(query).collect()) {
      results.forEachRemaining(rows::add);
    }
    return rows;
  }
}
