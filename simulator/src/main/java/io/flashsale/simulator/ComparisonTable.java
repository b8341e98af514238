package io.flashsale.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures of each policy on the same demand, one row each, as a text table. */
public final class ComparisonTable {

  private static final String[] HEADER = {
    "policy", "oversold", "sell-through", "stranded", "rejected after hold", "demand unmet"
  };

  private ComparisonTable() {}

  public static String of(List<Outcome> outcomes) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (Outcome outcome : outcomes) {
      rows.add(
          new String[] {
            outcome.policy(),
            outcome.oversoldUnits() + " units",
            String.format(
                Locale.ROOT,
                "%.1f%% (%d of %d)",
                100 * outcome.sellThrough(),
                outcome.shippedUnits(),
                outcome.stockUnits()),
            outcome.strandedUnits() + " units",
            outcome.checkoutsRejectedAfterHold() + " of " + outcome.checkouts(),
            outcome.unmetDemandUnits() + " units"
          });
    }
    int[] widths = new int[HEADER.length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder table = new StringBuilder();
    for (int r = 0; r < rows.size(); r++) {
      table.append(line(rows.get(r), widths));
      if (r == 0) {
        String[] rule = new String[widths.length];
        for (int i = 0; i < widths.length; i++) {
          rule[i] = "-".repeat(widths[i]);
        }
        table.append(line(rule, widths));
      }
    }
    return table.toString();
  }

  private static String line(String[] cells, int[] widths) {
    StringBuilder line = new StringBuilder("|");
    for (int i = 0; i < cells.length; i++) {
      line.append(' ').append(String.format("%-" + widths[i] + "s", cells[i])).append(" |");
    }
    return line.append('\n').toString();
  }
}
