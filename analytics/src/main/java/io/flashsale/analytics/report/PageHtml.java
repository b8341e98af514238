package io.flashsale.analytics.report;

/**
 * Renders a {@link ReportPage}: the document, its inline stylesheet and the sections. Fonts are
 * named, never loaded: the page uses whatever sans-serif the viewer has.
 */
final class PageHtml {

  private static final String STYLE =
      """
      body{margin:0;background:#fff;color:#222;font:14px/1.45 "DejaVu Sans",Verdana,Arial,sans-serif}
      main{max-width:1140px;margin:0 auto;padding:20px 24px 40px}
      h1{font-size:26px;margin:0 0 4px}
      .subtitle{color:#555;margin:0 0 12px}
      section{margin:24px 0}
      h2{font-size:20px;margin:0 0 8px;padding-bottom:4px;border-bottom:1px solid #ddd}
      figure{margin:14px 0}
      figcaption,caption{font-weight:bold;text-align:left;margin-bottom:6px}
      svg{display:block;max-width:100%;height:auto}
      .no-data{margin:0;padding:24px;border:1px dashed #aaa;background:#fafafa;color:#666;text-align:center}
      table.data{border-collapse:collapse;margin:14px 0}
      table.data th,table.data td{border:1px solid #ccc;padding:4px 10px;text-align:left;vertical-align:top}
      table.data th{background:#eef1f5}
      table.data td.num{text-align:right;font-variant-numeric:tabular-nums}
      table.data tbody tr:nth-child(even){background:#f8f8f8}
      @media print{section,figure,table{break-inside:avoid}}
      """;

  private PageHtml() {}

  static String render(ReportPage page) {
    StringBuilder out = new StringBuilder(64 * 1024);
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
        .append("<title>")
        .append(Html.escape(page.title()))
        .append("</title>\n<style>\n")
        .append(STYLE)
        .append("</style>\n</head>\n<body>\n<main>\n<header>\n<h1>")
        .append(Html.escape(page.title()))
        .append("</h1>\n");
    if (!page.subtitle().isEmpty()) {
      out.append("<p class=\"subtitle\">").append(Html.escape(page.subtitle())).append("</p>\n");
    }
    out.append("</header>\n");
    for (Section section : page.sections()) {
      out.append("<section>\n<h2>").append(Html.escape(section.heading())).append("</h2>\n");
      for (String paragraph : section.text().split("\\R\\s*\\R")) {
        if (!paragraph.isBlank()) {
          out.append("<p>").append(Html.escape(paragraph.strip())).append("</p>\n");
        }
      }
      for (Element element : section.elements()) {
        out.append(element.html());
      }
      out.append("</section>\n");
    }
    return out.append("</main>\n</body>\n</html>\n").toString();
  }
}
