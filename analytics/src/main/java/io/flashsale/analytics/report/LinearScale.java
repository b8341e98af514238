package io.flashsale.analytics.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps values onto pixels along the y axis. The domain always includes 0, so that bar heights and
 * line levels compare truthfully, and is widened to whole multiples of a "nice" tick step (1, 2 or
 * 5 times a power of ten). All-zero data gets the domain 0..1 instead of an empty one.
 */
final class LinearScale {

  private final double lo;
  private final double hi;
  private final double step;
  private final double pxLo;
  private final double pxHi;

  private LinearScale(double lo, double hi, double step, double pxLo, double pxHi) {
    this.lo = lo;
    this.hi = hi;
    this.step = step;
    this.pxLo = pxLo;
    this.pxHi = pxHi;
  }

  /**
   * A scale covering {@code dataMin..dataMax} and 0.
   *
   * @param pxLo the pixel for the domain's low end (the bottom of a plot)
   * @param pxHi the pixel for the domain's high end (the top of a plot)
   * @param targetTicks about how many tick intervals to aim for
   */
  static LinearScale covering(
      double dataMin, double dataMax, double pxLo, double pxHi, int targetTicks) {
    double lo = Math.min(0, dataMin);
    double hi = Math.max(0, dataMax);
    if (hi - lo <= 0) {
      hi = 1;
    }
    double step = niceStep((hi - lo) / Math.max(1, targetTicks));
    lo = Math.floor(lo / step + 1e-9) * step;
    hi = Math.ceil(hi / step - 1e-9) * step;
    if (hi <= lo) {
      hi = lo + step;
    }
    return new LinearScale(lo, hi, step, pxLo, pxHi);
  }

  /** 1, 2 or 5 times the power of ten that makes it at least {@code raw}. */
  static double niceStep(double raw) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double fraction = raw / magnitude;
    double nice;
    if (fraction <= 1 + 1e-9) {
      nice = 1;
    } else if (fraction <= 2 + 1e-9) {
      nice = 2;
    } else if (fraction <= 5 + 1e-9) {
      nice = 5;
    } else {
      nice = 10;
    }
    return nice * magnitude;
  }

  double px(double value) {
    return pxLo + (value - lo) / (hi - lo) * (pxHi - pxLo);
  }

  double lo() {
    return lo;
  }

  double hi() {
    return hi;
  }

  /** The tick values from the domain's low end to its high end. */
  List<Double> ticks() {
    int n = (int) Math.round((hi - lo) / step);
    List<Double> ticks = new ArrayList<>(n + 1);
    for (int i = 0; i <= n; i++) {
      ticks.add(lo + i * step);
    }
    return ticks;
  }

  String label(double tick) {
    return Num.tick(tick, step);
  }
}
