package io.flashsale.analytics.report;

import java.util.List;
import java.util.Objects;

/**
 * One line of a {@link LineChart}, named in the legend. The points need not be sorted: they are
 * drawn in time order, and points at the same instant in the order given.
 */
public record Series(String name, List<Point> points) {

  public Series {
    Objects.requireNonNull(name, "name");
    points = List.copyOf(Objects.requireNonNull(points, "points"));
  }
}
