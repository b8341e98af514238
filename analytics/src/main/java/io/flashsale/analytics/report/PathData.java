package io.flashsale.analytics.report;

/** The {@code d} attribute of an SVG path, built from absolute moves and lines. */
final class PathData {

  private final StringBuilder d = new StringBuilder();

  PathData moveTo(double x, double y) {
    return command('M').append(x).space().append(y);
  }

  PathData lineTo(double x, double y) {
    return command('L').append(x).space().append(y);
  }

  PathData horizontalTo(double x) {
    return command('H').append(x);
  }

  PathData verticalTo(double y) {
    return command('V').append(y);
  }

  boolean isEmpty() {
    return d.length() == 0;
  }

  @Override
  public String toString() {
    return d.toString();
  }

  private PathData command(char c) {
    if (d.length() > 0) {
      d.append(' ');
    }
    d.append(c);
    return this;
  }

  private PathData append(double v) {
    d.append(Num.coord(v));
    return this;
  }

  private PathData space() {
    d.append(' ');
    return this;
  }
}
