package io.flashsale.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ReportPageTest {

  static ReportPage samplePage() {
    return new ReportPage(
        "Black Friday 2025 – post-sale report",
        "Sale BF-2025, 10:00–11:00 UTC",
        List.of(
            new Section(
                "Orders",
                "Orders per minute on each channel.\n\nThe rush ends after about 20 minutes.",
                List.of(Charts.ordersByChannel())),
            new Section("Quotas", "", List.of(Charts.quotas())),
            new Section(
                "Errors",
                "Spikes are minutes above 3× the median.",
                List.of(Charts.errorsPerMinute())),
            new Section("Quota changes", "", List.of(Charts.quotaChanges()))));
  }

  @Test
  void theWholePageIsWellFormedWithEveryElementInOrder() {
    Document doc = Xml.parse(samplePage().html());
    assertThat(Xml.texts(doc, "title")).first().isEqualTo("Black Friday 2025 – post-sale report");
    assertThat(Xml.texts(doc, "h2")).containsExactly("Orders", "Quotas", "Errors", "Quota changes");
    assertThat(Xml.texts(doc, "p"))
        .contains(
            "Sale BF-2025, 10:00–11:00 UTC",
            "Orders per minute on each channel.",
            "The rush ends after about 20 minutes.");
    assertThat(Xml.elements(doc, "svg")).hasSize(3);
    assertThat(Xml.elements(doc, "table")).hasSize(1);
  }

  @Test
  void isSelfContained() {
    String html = samplePage().html();
    assertThat(html.toLowerCase())
        .doesNotContain("<script", "<link", "src=", "href=", "@import", "url(", "@font-face");
    // The only URL is SVG's namespace name, which nothing fetches.
    assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http:", "https:");
  }

  @Test
  void escapesThePageTitleSubtitleHeadingsAndText() {
    ReportPage page =
        new ReportPage(
            "<script>alert(1)</script>",
            "a & b",
            List.of(new Section("<h1>x</h1>", "<img src=x onerror=alert(1)>", List.of())));
    String html = page.html();
    assertThat(html).doesNotContain("<script>", "<img", "<h1>x");
    Document doc = Xml.parse(html);
    assertThat(Xml.elements(doc, "script")).isEmpty();
    assertThat(Xml.texts(doc, "h1")).containsExactly("<script>alert(1)</script>");
    assertThat(Xml.texts(doc, "title")).containsExactly("<script>alert(1)</script>");
    assertThat(Xml.texts(doc, "h2")).containsExactly("<h1>x</h1>");
    assertThat(Xml.texts(doc, "p")).contains("a & b", "<img src=x onerror=alert(1)>");
  }

  @Test
  void emptySectionsAndElementsStillRender() {
    ReportPage page =
        new ReportPage(
            "Empty",
            null,
            List.of(
                new Section("Nothing", null, List.of()),
                new Section(
                    "No data",
                    "",
                    List.of(
                        new LineChart("l", "", List.of()),
                        LineChart.step("s", "", List.of()),
                        new BarChart("b", "", List.of()),
                        new Table("t", List.of("a"), List.of())))));
    Document doc = Xml.parse(page.html());
    assertThat(Xml.texts(doc, "p")).containsExactly("No data", "No data", "No data", "No data");
  }

  @Test
  void writesUtf8(@TempDir Path dir) throws Exception {
    Path file = samplePage().write(dir.resolve("reports/bf-2025.html"));
    String read = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(read)
        .isEqualTo(samplePage().html())
        .contains("Black Friday 2025 – post-sale report");
    assertThat(read).contains("<meta charset=\"utf-8\"/>");
    LineChartTest.assertNoNonFiniteNumbers(read);
  }
}
