package io.flashsale.analytics.report;

import java.util.List;

/**
 * Renders a {@link BarChart} as a captioned SVG figure. With many bars (a bar per minute of an
 * hour) only every k-th label is shown, k chosen so that the labels never overlap.
 */
final class BarChartSvg {

  /** Share of a bar's slot that the bar fills; the rest separates it from its neighbours. */
  private static final double FILL = 0.75;

  private static final int MAX_LABEL_CHARS = 24;

  private BarChartSvg() {}

  static String render(BarChart chart) {
    List<Bar> bars = chart.bars();
    if (bars.isEmpty()) {
      return Figure.noData("chart bar-chart", chart.title());
    }
    boolean anyHighlighted = bars.stream().anyMatch(Bar::highlighted);
    Legend legend =
        Legend.layout(
            anyHighlighted
                ? List.of(
                    new Legend.Entry(
                        Palette.BAR, chart.yLabel().isEmpty() ? "value" : chart.yLabel(), false),
                    new Legend.Entry(Palette.WARNING, chart.highlightLabel(), false))
                : List.of(),
            PlotFrame.WIDTH - PlotFrame.LEFT - PlotFrame.RIGHT);
    PlotFrame frame = new PlotFrame(legend);

    double min = bars.stream().mapToDouble(Bar::value).min().orElse(0);
    double max = bars.stream().mapToDouble(Bar::value).max().orElse(0);
    LinearScale y = LinearScale.covering(min, max, frame.plotBottom, frame.plotTop, 5);

    Svg svg = new Svg(PlotFrame.WIDTH, frame.height, chart.title());
    frame.drawYAxis(svg, y, chart.yLabel());
    legend.draw(svg, PlotFrame.LEFT, PlotFrame.TOP);

    double slot = frame.plotWidth() / bars.size();
    double barWidth = Math.max(1, slot * FILL);
    double zero = y.px(0);
    int every = labelEvery(bars, slot);
    for (int i = 0; i < bars.size(); i++) {
      Bar bar = bars.get(i);
      double centre = frame.plotLeft + slot * (i + 0.5);
      double top = y.px(bar.value());
      svg.rect(
          centre - barWidth / 2,
          Math.min(top, zero),
          barWidth,
          Math.abs(zero - top),
          bar.highlighted() ? Palette.WARNING : Palette.BAR,
          bar.label() + ": " + Num.value(bar.value()));
      if (i % every == 0) {
        svg.line(centre, frame.plotBottom, centre, frame.plotBottom + 4, Palette.AXIS, 1);
        PlotFrame.centredText(
            svg, centre, frame.plotBottom + 19, Palette.MUTED_TEXT, shorten(bar.label()));
      }
    }
    return Figure.of("chart bar-chart", chart.title(), svg.close());
  }

  /** Shows every k-th label, for the smallest k at which the widest label fits its k slots. */
  static int labelEvery(List<Bar> bars, double slot) {
    double widest =
        bars.stream().mapToDouble(b -> Svg.textWidth(shorten(b.label()))).max().orElse(0) + 10;
    return Math.max(1, (int) Math.ceil(widest / slot));
  }

  private static String shorten(String label) {
    return label.codePointCount(0, label.length()) <= MAX_LABEL_CHARS
        ? label
        : label.substring(0, label.offsetByCodePoints(0, MAX_LABEL_CHARS - 1)) + "…";
  }
}
