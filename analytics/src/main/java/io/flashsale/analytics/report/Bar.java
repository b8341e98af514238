package io.flashsale.analytics.report;

import java.util.Objects;

/**
 * One bar of a {@link BarChart}.
 *
 * @param label shown under the bar (some labels are skipped when bars are many)
 * @param value the bar's height; negative values hang below the zero line
 * @param highlighted drawn in the {@link Palette#WARNING warning colour}, e.g. a spike
 */
public record Bar(String label, double value, boolean highlighted) {

  /**
   * @throws IllegalArgumentException if {@code value} is NaN, infinite or larger in magnitude than
   *     a chart can lay out (1e15)
   */
  public Bar {
    Objects.requireNonNull(label, "label");
    Num.plottable(value, "bar value");
  }

  /** An ordinary, not highlighted bar. */
  public Bar(String label, double value) {
    this(label, value, false);
  }
}
