package io.flashsale.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class TableTest {

  @Test
  void rendersHeaderAndRows() {
    Document doc = Xml.parse(Charts.quotaChanges().html());
    assertThat(Xml.texts(doc, "caption")).containsExactly("Quota changes");
    assertThat(Xml.texts(doc, "th"))
        .containsExactly("time (UTC)", "channel", "from", "to", "reason");
    assertThat(Xml.elements(doc, "tr")).hasSize(5);
    assertThat(Xml.texts(doc, "td")).contains("oversell risk: late acks", "450");
  }

  @Test
  void escapesCellsPadsShortRowsAndShowsNullAsEmpty() {
    Table table =
        new Table(
            "t",
            List.of("a", "b", "c"),
            List.of(List.of("<script>x</script>"), Arrays.asList("1", null, "&")));
    String html = table.html();
    assertThat(html).doesNotContain("<script>");
    Document doc = Xml.parse(html);
    assertThat(Xml.texts(doc, "td")).containsExactly("<script>x</script>", "", "", "1", "", "&");
  }

  @Test
  void numbersAreRightAligned() {
    Document doc = Xml.parse(Charts.quotaChanges().html());
    assertThat(Xml.elements(doc, "td"))
        .filteredOn(td -> td.getAttribute("class").equals("num"))
        .extracting(td -> td.getTextContent())
        .contains("500", "300", "0")
        .doesNotContain("10:12", "sold out");
  }

  @Test
  void anEmptyTableRendersANoDataNote() {
    Document doc = Xml.parse(new Table("Quota changes", List.of("a"), List.of()).html());
    assertThat(Xml.elements(doc, "table")).isEmpty();
    assertThat(Xml.texts(doc, "figcaption")).containsExactly("Quota changes");
    assertThat(Xml.texts(doc, "p")).containsExactly("No data");
  }

  @Test
  void rejectsRowsWiderThanTheHeader() {
    assertThatThrownBy(() -> new Table("t", List.of("a"), List.of(List.of("1", "2"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 cells");
  }
}
