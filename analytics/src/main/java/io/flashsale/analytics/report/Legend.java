package io.flashsale.analytics.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A chart's legend: a colour swatch and a name per entry, laid out left to right and wrapped into
 * as many rows as the chart's width needs.
 */
final class Legend {

  /**
   * One entry.
   *
   * @param line a short thick line as the swatch (series); otherwise a square (bars)
   */
  record Entry(String color, String label, boolean line) {}

  private static final double ROW_HEIGHT = 20;
  private static final double SWATCH = 14;
  private static final double GAP = 6;
  private static final double SPACING = 22;

  private record Placed(Entry entry, double x, int row) {}

  private final List<Placed> placed;
  private final int rows;

  private Legend(List<Placed> placed, int rows) {
    this.placed = placed;
    this.rows = rows;
  }

  static Legend layout(List<Entry> entries, double width) {
    List<Placed> placed = new ArrayList<>();
    double x = 0;
    int row = 0;
    for (Entry entry : entries) {
      double entryWidth = SWATCH + GAP + Svg.textWidth(entry.label());
      if (x > 0 && x + entryWidth > width) {
        row++;
        x = 0;
      }
      placed.add(new Placed(entry, x, row));
      x += entryWidth + SPACING;
    }
    return new Legend(placed, placed.isEmpty() ? 0 : row + 1);
  }

  double height() {
    return rows * ROW_HEIGHT;
  }

  /** Draws the legend with its top-left corner at ({@code left}, {@code top}). */
  void draw(Svg svg, double left, double top) {
    for (Placed p : placed) {
      double x = left + p.x();
      double middle = top + p.row() * ROW_HEIGHT + ROW_HEIGHT / 2;
      if (p.entry().line()) {
        svg.line(x, middle, x + SWATCH, middle, p.entry().color(), 4);
      } else {
        svg.rect(x, middle - SWATCH / 2, SWATCH, SWATCH, p.entry().color(), null);
      }
      svg.text(x + SWATCH + GAP, middle + 4, "start", Palette.TEXT, p.entry().label());
    }
  }
}
