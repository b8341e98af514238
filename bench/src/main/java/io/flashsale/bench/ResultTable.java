package io.flashsale.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The results, one row per measurement: printed as one aligned table and written as CSV. */
final class ResultTable {

  static final List<String> COLUMNS =
      List.of(
          "section",
          "job",
          "traffic",
          "state",
          "interval_ms",
          "skus",
          "holds",
          "load",
          "rate_per_s",
          "throughput_per_s",
          "vs_identity",
          "p50_ms",
          "p99_ms",
          "p99_9_ms",
          "missing",
          "state_mb",
          "bytes_per_sku",
          "checkpoint_ms",
          "recovery_ms");

  private final List<Map<String, String>> rows = new ArrayList<>();

  /** A new row of {@code section}; fill it with {@link Row#set}. */
  Row add(String section) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("section", section);
    rows.add(values);
    return new Row(values);
  }

  void print(PrintStream out) {
    int[] widths = COLUMNS.stream().mapToInt(String::length).toArray();
    for (Map<String, String> row : rows) {
      for (int c = 0; c < COLUMNS.size(); c++) {
        widths[c] = Math.max(widths[c], row.getOrDefault(COLUMNS.get(c), "").length());
      }
    }
    out.println(line(COLUMNS::get, widths));
    for (Map<String, String> row : rows) {
      out.println(line(c -> row.getOrDefault(COLUMNS.get(c), ""), widths));
    }
  }

  void writeCsv(Path csv) throws IOException {
    List<String> lines = new ArrayList<>(List.of(String.join(",", COLUMNS)));
    for (Map<String, String> row : rows) {
      lines.add(String.join(",", COLUMNS.stream().map(c -> row.getOrDefault(c, "")).toList()));
    }
    Path parent = csv.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Files.write(csv, lines);
  }

  private static String line(java.util.function.IntFunction<String> cell, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < widths.length; c++) {
      line.append(String.format("%-" + (widths[c] + 2) + "s", cell.apply(c)));
    }
    return line.toString().stripTrailing();
  }

  /** One row being filled. */
  record Row(Map<String, String> values) {

    Row set(String column, Object value) {
      if (!COLUMNS.contains(column)) {
        throw new IllegalArgumentException("no column " + column);
      }
      values.put(
          column,
          value instanceof Double number
              ? String.format(Locale.ROOT, number >= 100 ? "%.0f" : "%.2f", number)
              : String.valueOf(value));
      return this;
    }
  }
}
