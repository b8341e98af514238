package io.flashsale.analytics.report;

/** Wraps a chart's SVG, or the note that it has no data, in a captioned {@code <figure>}. */
final class Figure {

  static final String NO_DATA = "No data";

  private Figure() {}

  static String of(String kind, String title, String body) {
    return "<figure class=\""
        + kind
        + "\">\n<figcaption>"
        + Html.escape(title)
        + "</figcaption>\n"
        + body
        + "\n</figure>\n";
  }

  /**
   * The visible placeholder for an element without data, so an empty result is not mistaken for a
   * rendering failure.
   */
  static String noData(String kind, String title) {
    return of(kind, title, "<p class=\"no-data\">" + NO_DATA + "</p>");
  }
}
