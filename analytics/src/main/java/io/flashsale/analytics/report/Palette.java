package io.flashsale.analytics.report;

import java.util.List;

/**
 * The fixed colours of the report. Series colours are saturated and far apart from each other and
 * from the grey of the axes and text, so that a reader tells the lines apart at a glance and a
 * screenshot test can find each one by its exact RGB value.
 */
public final class Palette {

  private static final List<String> SERIES =
      List.of(
          "#1f5fd6", // blue
          "#13a538", // green
          "#ff8c00", // orange
          "#9c27b0", // purple
          "#00a6b8", // teal
          "#e0119d", // magenta
          "#8d5a00", // brown
          "#6b8e00" // olive
          );

  /** Highlighted bars (spikes, breaches): a pure red that no series colour comes close to. */
  public static final String WARNING = "#e00000";

  /** Ordinary bars: a muted slate, so that the highlighted ones stand out against them. */
  public static final String BAR = "#7f8c9d";

  // Text, axis and grid colours: greys only, never mistaken for a series or a warning.
  static final String TEXT = "#222222";
  static final String MUTED_TEXT = "#555555";
  static final String AXIS = "#666666";
  static final String GRID = "#e3e3e3";

  private Palette() {}

  /**
   * The colour of the {@code i}-th series of a chart, as {@code #rrggbb}; repeats after {@link
   * #size()}.
   */
  public static String color(int i) {
    return SERIES.get(Math.floorMod(i, SERIES.size()));
  }

  /** How many distinct series colours there are before they repeat. */
  public static int size() {
    return SERIES.size();
  }

  /**
   * A {@code #rrggbb} colour as the {@code 0xRRGGBB} integer an image's pixels are compared with.
   */
  public static int rgb(String color) {
    if (color == null || !color.matches("#[0-9a-fA-F]{6}")) {
      throw new IllegalArgumentException("not a #rrggbb colour: " + color);
    }
    return Integer.parseInt(color.substring(1), 16);
  }
}
