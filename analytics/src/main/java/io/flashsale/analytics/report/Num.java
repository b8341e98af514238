package io.flashsale.analytics.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Number formatting for the page. Locale-independent on purpose: a JVM running with a German locale
 * must not write {@code 12,5} into an SVG coordinate.
 */
final class Num {

  /**
   * The largest magnitude a chart accepts. Beyond it, differences of values overflow or lose all
   * precision and the layout would produce NaN; no quantity of a sale comes near it.
   */
  static final double MAX_MAGNITUDE = 1e15;

  private Num() {}

  /** Checks that {@code value} can be laid out, and returns it. */
  static double plottable(double value, String what) {
    if (!Double.isFinite(value) || Math.abs(value) > MAX_MAGNITUDE) {
      throw new IllegalArgumentException(
          what + " must be finite and at most " + MAX_MAGNITUDE + " in magnitude: " + value);
    }
    return value;
  }

  /** A coordinate, rounded to a tenth of a pixel, without trailing {@code .0}. */
  static String coord(double v) {
    if (!Double.isFinite(v)) {
      // A bug in the layout, never the caller's data: values are checked on the way in.
      throw new IllegalStateException("non-finite coordinate: " + v);
    }
    long tenths = Math.round(v * 10);
    long whole = Math.abs(tenths) / 10;
    long fraction = Math.abs(tenths) % 10;
    String sign = tenths < 0 ? "-" : "";
    return fraction == 0 ? sign + whole : sign + whole + "." + fraction;
  }

  /** A tick label with as many decimals as the tick step needs, grouped in thousands. */
  static String tick(double value, double step) {
    int decimals = step >= 1 ? 0 : (int) Math.min(15, Math.ceil(-Math.log10(step) - 1e-9));
    BigDecimal rounded = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP);
    if (rounded.signum() == 0) {
      return "0";
    }
    if (decimals == 0) {
      return String.format(Locale.ROOT, "%,d", rounded.longValueExact());
    }
    return rounded.toPlainString();
  }

  /** A data value for a tooltip: up to three decimals, none if it is whole. */
  static String value(double value) {
    BigDecimal rounded =
        BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
    return rounded.signum() == 0 ? "0" : rounded.toPlainString();
  }
}
