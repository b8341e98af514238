package io.flashsale.analytics.report;

import java.util.List;
import java.util.Objects;

/**
 * Values over time, one line per series, each in its own {@link Palette#color(int) colour} and
 * named in a legend. The x axis is labelled in UTC.
 *
 * @param title caption shown above the chart
 * @param yLabel what the values are, shown along the y axis (may be empty)
 * @param series the lines, coloured in this order
 * @param stepped whether values hold until the next point (see {@link #step})
 */
public record LineChart(String title, String yLabel, List<Series> series, boolean stepped)
    implements Element {

  public LineChart {
    Objects.requireNonNull(title, "title");
    yLabel = yLabel == null ? "" : yLabel;
    series = List.copyOf(Objects.requireNonNull(series, "series"));
  }

  /** A chart that joins consecutive points with straight lines. */
  public LineChart(String title, String yLabel, List<Series> series) {
    this(title, yLabel, series, false);
  }

  /**
   * A chart for quantities that jump and then hold, such as quotas or stock levels: each value is
   * drawn flat until the next point (and the last one to the end of the chart), so the chart never
   * shows a slope, that is a value in between, that never existed.
   */
  public static LineChart step(String title, String yLabel, List<Series> series) {
    return new LineChart(title, yLabel, series, true);
  }

  /** Whether any series has at least one point. */
  public boolean hasData() {
    return series.stream().anyMatch(s -> !s.points().isEmpty());
  }

  @Override
  public String html() {
    return LineChartSvg.render(this);
  }
}
