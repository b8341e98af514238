package io.flashsale.analytics.report;

/**
 * Writes one SVG element: shapes and text with numbers formatted by {@link Num#coord} and all text
 * escaped, so the renderers never concatenate raw strings into markup.
 */
final class Svg {

  static final int FONT_SIZE = 12;

  /**
   * Average advance of a character of the page's sans-serif font at {@link #FONT_SIZE}, used to lay
   * labels out without measuring text, which a static page cannot do.
   */
  static final double CHAR_WIDTH = 7.2;

  private final StringBuilder out = new StringBuilder(8192);

  Svg(double width, double height, String label) {
    out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"")
        .append(Num.coord(width))
        .append("\" height=\"")
        .append(Num.coord(height))
        .append("\" viewBox=\"0 0 ")
        .append(Num.coord(width))
        .append(' ')
        .append(Num.coord(height))
        .append("\" aria-label=\"")
        .append(Html.escape(label))
        .append("\" font-size=\"")
        .append(FONT_SIZE)
        .append("\" fill=\"")
        .append(Palette.TEXT)
        .append("\">\n");
  }

  /** Estimated width of {@code text} in pixels. */
  static double textWidth(String text) {
    return text.codePointCount(0, text.length()) * CHAR_WIDTH;
  }

  Svg line(double x1, double y1, double x2, double y2, String stroke, double width) {
    out.append("<line x1=\"")
        .append(Num.coord(x1))
        .append("\" y1=\"")
        .append(Num.coord(y1))
        .append("\" x2=\"")
        .append(Num.coord(x2))
        .append("\" y2=\"")
        .append(Num.coord(y2))
        .append("\" stroke=\"")
        .append(stroke)
        .append("\" stroke-width=\"")
        .append(Num.coord(width))
        .append("\"/>\n");
    return this;
  }

  Svg rect(double x, double y, double width, double height, String fill, String tooltip) {
    out.append("<rect x=\"")
        .append(Num.coord(x))
        .append("\" y=\"")
        .append(Num.coord(y))
        .append("\" width=\"")
        .append(Num.coord(Math.max(0, width)))
        .append("\" height=\"")
        .append(Num.coord(Math.max(0, height)))
        .append("\" fill=\"")
        .append(fill)
        .append('"');
    return closeWithTooltip("rect", tooltip);
  }

  Svg circle(double cx, double cy, double r, String fill, String tooltip) {
    out.append("<circle cx=\"")
        .append(Num.coord(cx))
        .append("\" cy=\"")
        .append(Num.coord(cy))
        .append("\" r=\"")
        .append(Num.coord(r))
        .append("\" fill=\"")
        .append(fill)
        .append('"');
    return closeWithTooltip("circle", tooltip);
  }

  /** An unfilled path, e.g. a series line. */
  Svg path(PathData d, String stroke, double width, String tooltip) {
    out.append("<path d=\"")
        .append(d)
        .append("\" fill=\"none\" stroke=\"")
        .append(stroke)
        .append("\" stroke-width=\"")
        .append(Num.coord(width))
        .append("\" stroke-linejoin=\"round\" stroke-linecap=\"round\"");
    return closeWithTooltip("path", tooltip);
  }

  /**
   * Text at ({@code x}, {@code y}), its baseline at {@code y}.
   *
   * @param anchor {@code start}, {@code middle} or {@code end}
   * @param fill the text colour
   */
  Svg text(double x, double y, String anchor, String fill, String text) {
    out.append("<text x=\"")
        .append(Num.coord(x))
        .append("\" y=\"")
        .append(Num.coord(y))
        .append("\" text-anchor=\"")
        .append(anchor)
        .append("\" fill=\"")
        .append(fill)
        .append("\">")
        .append(Html.escape(text))
        .append("</text>\n");
    return this;
  }

  /** Text turned a quarter anticlockwise about its anchor, for the y axis's label. */
  Svg verticalText(double x, double y, String fill, String text) {
    out.append("<text x=\"")
        .append(Num.coord(x))
        .append("\" y=\"")
        .append(Num.coord(y))
        .append("\" text-anchor=\"middle\" fill=\"")
        .append(fill)
        .append("\" transform=\"rotate(-90 ")
        .append(Num.coord(x))
        .append(' ')
        .append(Num.coord(y))
        .append(")\">")
        .append(Html.escape(text))
        .append("</text>\n");
    return this;
  }

  /** Closes the {@code <svg>} element and returns the markup. */
  String close() {
    return out.append("</svg>").toString();
  }

  /** A native hover tooltip: SVG's {@code <title>} child, which needs no script. */
  private Svg closeWithTooltip(String element, String tooltip) {
    if (tooltip == null || tooltip.isEmpty()) {
      out.append("/>\n");
    } else {
      out.append("><title>")
          .append(Html.escape(tooltip))
          .append("</title></")
          .append(element)
          .append(">\n");
    }
    return this;
  }
}
