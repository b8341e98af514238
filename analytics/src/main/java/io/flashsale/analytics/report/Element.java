package io.flashsale.analytics.report;

/**
 * Something a {@link Section} shows: a chart or a table. Sealed so that the set of things a report
 * can contain is known here, and each one knows how to render itself as an HTML fragment.
 */
public sealed interface Element permits LineChart, BarChart, Table {

  /** The caption shown above the element. */
  String title();

  /**
   * The element as an HTML fragment (charts as inline SVG). Never fails on empty data: an element
   * without data renders a visible "no data" note instead.
   */
  String html();
}
