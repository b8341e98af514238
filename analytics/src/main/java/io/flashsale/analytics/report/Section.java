package io.flashsale.analytics.report;

import java.util.List;
import java.util.Objects;

/**
 * A headed part of the report: explanatory text, then charts and tables.
 *
 * @param heading the section's heading
 * @param text plain text shown under the heading (may be empty); blank lines separate paragraphs
 * @param elements the charts and tables, in order
 */
public record Section(String heading, String text, List<Element> elements) {

  public Section {
    Objects.requireNonNull(heading, "heading");
    text = text == null ? "" : text;
    elements = List.copyOf(Objects.requireNonNull(elements, "elements"));
  }
}
