package io.flashsale.analytics.report;

import java.time.Instant;
import java.util.Objects;

/** One measurement of a {@link Series}: the value at an instant. */
public record Point(Instant at, double value) {

  /**
   * @throws IllegalArgumentException if {@code value} is NaN, infinite or larger in magnitude than
   *     a chart can lay out (1e15)
   */
  public Point {
    Objects.requireNonNull(at, "at");
    Num.plottable(value, "point value");
  }
}
