package io.flashsale.analytics.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Renders a {@link LineChart} as a captioned SVG figure. */
final class LineChartSvg {

  private static final double STROKE = 2.5;
  private static final double MARKER_RADIUS = 4;

  private LineChartSvg() {}

  static String render(LineChart chart) {
    if (!chart.hasData()) {
      return Figure.noData("chart line-chart", chart.title());
    }
    List<Legend.Entry> entries = new ArrayList<>();
    for (int i = 0; i < chart.series().size(); i++) {
      Series s = chart.series().get(i);
      String label = s.points().isEmpty() ? s.name() + " (no data)" : s.name();
      entries.add(new Legend.Entry(Palette.color(i), label, true));
    }
    Legend legend = Legend.layout(entries, PlotFrame.WIDTH - PlotFrame.LEFT - PlotFrame.RIGHT);
    PlotFrame frame = new PlotFrame(legend);

    Instant first = null;
    Instant last = null;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Series s : chart.series()) {
      for (Point p : s.points()) {
        first = first == null || p.at().isBefore(first) ? p.at() : first;
        last = last == null || p.at().isAfter(last) ? p.at() : last;
        min = Math.min(min, p.value());
        max = Math.max(max, p.value());
      }
    }
    TimeScale x = TimeScale.covering(first, last, frame.plotLeft, frame.plotRight);
    LinearScale y = LinearScale.covering(min, max, frame.plotBottom, frame.plotTop, 5);

    Svg svg = new Svg(PlotFrame.WIDTH, frame.height, chart.title());
    frame.drawYAxis(svg, y, chart.yLabel());
    drawXAxis(svg, frame, x);
    legend.draw(svg, PlotFrame.LEFT, PlotFrame.TOP);
    for (int i = 0; i < chart.series().size(); i++) {
      drawSeries(svg, chart.series().get(i), Palette.color(i), chart.stepped(), x, y);
    }
    return Figure.of("chart line-chart", chart.title(), svg.close());
  }

  private static void drawXAxis(Svg svg, PlotFrame frame, TimeScale x) {
    for (Instant tick : x.ticks()) {
      double px = x.px(tick);
      svg.line(px, frame.plotBottom, px, frame.plotBottom + 5, Palette.AXIS, 1);
      double baseline = frame.plotBottom + 19;
      for (String line : x.label(tick)) {
        PlotFrame.centredText(svg, px, baseline, Palette.MUTED_TEXT, line);
        baseline += 14;
      }
    }
    svg.text(frame.plotRight, frame.height - 6, "end", Palette.MUTED_TEXT, x.caption());
  }

  private static void drawSeries(
      Svg svg, Series series, String color, boolean stepped, TimeScale x, LinearScale y) {
    if (series.points().isEmpty()) {
      return;
    }
    // A stable sort: points at one instant keep the caller's order (a jump drawn as a vertical).
    List<Point> points = new ArrayList<>(series.points());
    points.sort(Comparator.comparing(Point::at));
    PathData d = new PathData();
    Point start = points.get(0);
    d.moveTo(x.px(start.at()), y.px(start.value()));
    for (Point p : points.subList(1, points.size())) {
      if (stepped) {
        d.horizontalTo(x.px(p.at())).verticalTo(y.px(p.value()));
      } else {
        d.lineTo(x.px(p.at()), y.px(p.value()));
      }
    }
    if (stepped) {
      // The last value holds until the end of the chart.
      d.horizontalTo(x.px(x.end()));
    }
    String tooltip = series.name();
    boolean drawsNothing = points.size() == 1 && !stepped;
    if (!drawsNothing) {
      svg.path(d, color, STROKE, tooltip);
    }
    if (points.size() == 1) {
      // One point makes no line: mark it so the series is still visible.
      svg.circle(
          x.px(start.at()),
          y.px(start.value()),
          MARKER_RADIUS,
          color,
          tooltip + ": " + Num.value(start.value()));
    }
  }
}
