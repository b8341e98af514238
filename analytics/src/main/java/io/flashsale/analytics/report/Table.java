package io.flashsale.analytics.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Rows of text under column headings, e.g. quota changes with their reasons. A row shorter than the
 * header is padded with empty cells; a {@code null} cell is shown empty.
 */
public record Table(String title, List<String> columns, List<List<String>> rows)
    implements Element {

  /**
   * @throws IllegalArgumentException if a row has more cells than there are columns
   */
  public Table {
    Objects.requireNonNull(title, "title");
    columns = copyCells(Objects.requireNonNull(columns, "columns"));
    List<List<String>> copied = new ArrayList<>();
    for (List<String> row : Objects.requireNonNull(rows, "rows")) {
      List<String> cells = copyCells(Objects.requireNonNull(row, "row"));
      if (cells.size() > columns.size()) {
        throw new IllegalArgumentException(
            "row "
                + copied.size()
                + " has "
                + cells.size()
                + " cells but the table has "
                + columns.size()
                + " columns");
      }
      copied.add(cells);
    }
    rows = List.copyOf(copied);
  }

  @Override
  public String html() {
    return TableHtml.render(this);
  }

  /** Unlike {@link List#copyOf}, keeps {@code null} cells, as empty strings. */
  private static List<String> copyCells(List<String> cells) {
    List<String> out = new ArrayList<>(cells.size());
    for (String cell : cells) {
      out.add(cell == null ? "" : cell);
    }
    return Collections.unmodifiableList(out);
  }
}
