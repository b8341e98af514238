package io.flashsale.analytics.report;

import java.util.List;
import java.util.Objects;

/**
 * Bars in the order given, e.g. orders per minute of a sale. Highlighted bars are drawn in the
 * {@link Palette#WARNING warning colour}, and the legend says what a highlight means.
 *
 * @param title caption shown above the chart
 * @param yLabel what the values are, shown along the y axis and in the legend (may be empty)
 * @param bars the bars, left to right
 * @param highlightLabel the legend's explanation of the warning colour, e.g. "spike (&gt; 3×
 *     median)"
 */
public record BarChart(String title, String yLabel, List<Bar> bars, String highlightLabel)
    implements Element {

  /** The legend's explanation of a highlighted bar when the caller gives none. */
  public static final String DEFAULT_HIGHLIGHT_LABEL = "highlighted";

  public BarChart {
    Objects.requireNonNull(title, "title");
    yLabel = yLabel == null ? "" : yLabel;
    bars = List.copyOf(Objects.requireNonNull(bars, "bars"));
    highlightLabel =
        highlightLabel == null || highlightLabel.isBlank()
            ? DEFAULT_HIGHLIGHT_LABEL
            : highlightLabel;
  }

  /** A chart whose legend calls highlighted bars {@value #DEFAULT_HIGHLIGHT_LABEL}. */
  public BarChart(String title, String yLabel, List<Bar> bars) {
    this(title, yLabel, bars, DEFAULT_HIGHLIGHT_LABEL);
  }

  @Override
  public String html() {
    return BarChartSvg.render(this);
  }
}
