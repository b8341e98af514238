package io.flashsale.analytics.report;

/**
 * The geometry shared by both chart kinds: a fixed-width SVG with the legend on top, the plot area
 * in the middle and room for the y labels on the left and the x labels below.
 */
final class PlotFrame {

  static final double WIDTH = 1100;
  static final double PLOT_HEIGHT = 280;
  static final double LEFT = 78;
  static final double RIGHT = 28;
  static final double TOP = 10;
  static final double BOTTOM = 58;

  final double plotLeft = LEFT;
  final double plotRight = WIDTH - RIGHT;
  final double plotTop;
  final double plotBottom;
  final double height;

  PlotFrame(Legend legend) {
    this.plotTop = TOP + legend.height() + (legend.height() > 0 ? 14 : 6);
    this.plotBottom = plotTop + PLOT_HEIGHT;
    this.height = plotBottom + BOTTOM;
  }

  double plotWidth() {
    return plotRight - plotLeft;
  }

  /** Draws the y axis: grid lines and labels at the ticks, a stronger zero line, the axis label. */
  void drawYAxis(Svg svg, LinearScale y, String yLabel) {
    for (double tick : y.ticks()) {
      double py = y.px(tick);
      svg.line(plotLeft, py, plotRight, py, Palette.GRID, 1);
      svg.text(plotLeft - 8, py + 4, "end", Palette.MUTED_TEXT, y.label(tick));
    }
    double zero = y.px(0);
    svg.line(plotLeft, zero, plotRight, zero, Palette.AXIS, 1);
    svg.line(plotLeft, plotTop, plotLeft, plotBottom, Palette.AXIS, 1);
    if (!yLabel.isEmpty()) {
      svg.verticalText(16, (plotTop + plotBottom) / 2, Palette.MUTED_TEXT, yLabel);
    }
  }

  /**
   * Draws a label centred on {@code x}, or flush with the SVG's edge where centring would cut it
   * off (the first and last x labels).
   */
  static void centredText(Svg svg, double x, double y, String fill, String text) {
    double half = Svg.textWidth(text) / 2;
    if (x - half < 0) {
      svg.text(0, y, "start", fill, text);
    } else if (x + half > WIDTH) {
      svg.text(WIDTH, y, "end", fill, text);
    } else {
      svg.text(x, y, "middle", fill, text);
    }
  }
}
