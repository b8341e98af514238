package io.flashsale.analytics.report;

import java.util.List;
import java.util.regex.Pattern;

/** Renders a {@link Table} as an HTML table; numeric cells are right-aligned so digits line up. */
final class TableHtml {

  private static final Pattern NUMBER = Pattern.compile("[-+−]?[\\d,. ]*\\d%?");

  private TableHtml() {}

  static String render(Table table) {
    if (table.rows().isEmpty()) {
      return Figure.noData("table", table.title());
    }
    StringBuilder out = new StringBuilder(1024);
    out.append("<table class=\"data\">\n<caption>")
        .append(Html.escape(table.title()))
        .append("</caption>\n<thead><tr>");
    for (String column : table.columns()) {
      out.append("<th scope=\"col\">").append(Html.escape(column)).append("</th>");
    }
    out.append("</tr></thead>\n<tbody>\n");
    for (List<String> row : table.rows()) {
      out.append("<tr>");
      for (int c = 0; c < table.columns().size(); c++) {
        String cell = c < row.size() ? row.get(c) : "";
        out.append(NUMBER.matcher(cell.trim()).matches() ? "<td class=\"num\">" : "<td>")
            .append(Html.escape(cell))
            .append("</td>");
      }
      out.append("</tr>\n");
    }
    return out.append("</tbody>\n</table>\n").toString();
  }
}
