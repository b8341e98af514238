package io.flashsale.analytics.report;

/**
 * Escapes text for HTML and SVG alike. Everything the caller hands in (titles, labels, series
 * names, cells) goes through here, so that {@code <script>} in a SKU name shows as text and the
 * page stays well-formed XML. Characters XML cannot carry at all (most control characters, lone
 * surrogates) become U+FFFD instead of breaking the document.
 */
final class Html {

  private Html() {}

  static String escape(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    text.codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                  if (allowedInXml(cp)) {
                    out.appendCodePoint(cp);
                  } else {
                    out.append('\uFFFD');
                  }
                }
              }
            });
    return out.toString();
  }

  private static boolean allowedInXml(int cp) {
    return cp == 0x9
        || cp == 0xA
        || cp == 0xD
        || (cp >= 0x20 && cp <= 0xD7FF)
        || (cp >= 0xE000 && cp <= 0xFFFD)
        || (cp >= 0x10000 && cp <= 0x10FFFF);
  }
}
