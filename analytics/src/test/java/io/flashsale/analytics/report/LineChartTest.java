package io.flashsale.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class LineChartTest {

  private static final Instant T = Charts.SALE_START;

  @Test
  void drawsEachSeriesInItsPaletteColourAndNamesItInTheLegend() {
    String html = Charts.ordersByChannel().html();
    Document doc = Xml.parse(html);

    List<Element> paths = Xml.elements(doc, "path");
    assertThat(paths)
        .extracting(p -> p.getAttribute("stroke"))
        .containsExactly(Palette.color(0), Palette.color(1), Palette.color(2));
    assertThat(Xml.texts(doc, "text")).contains("own store", "marketplace A", "marketplace B");
    assertThat(Xml.texts(doc, "figcaption")).containsExactly("Orders per minute by channel");
    assertNoNonFiniteNumbers(html);
  }

  @Test
  void labelsTheAxes() {
    Document doc = Xml.parse(Charts.ordersByChannel().html());
    List<String> texts = Xml.texts(doc, "text");
    assertThat(texts).contains("10:00", "10:30", "11:00", "time (UTC, 2025-11-28)", "orders / min");
    assertThat(texts).contains("0", "100", "400");
  }

  @Test
  void aRangeOverSeveralDaysShowsDates() {
    LineChart chart =
        new LineChart(
            "Stock",
            "units",
            List.of(
                new Series(
                    "sku",
                    List.of(
                        new Point(Instant.parse("2025-11-27T20:00:00Z"), 3),
                        new Point(Instant.parse("2025-11-29T04:00:00Z"), 5)))));
    assertThat(Xml.texts(Xml.parse(chart.html()), "text")).contains("2025-11-28", "time (UTC)");
  }

  @Test
  void aStepChartHoldsEachValueUntilTheNextAndTheLastToTheEnd() {
    Document doc = Xml.parse(Charts.quotas().html());
    String d = Xml.elements(doc, "path").get(0).getAttribute("d");
    assertThat(d).startsWith("M").contains(" H", " V").doesNotContain("L");
    assertThat(d).endsWith("H" + Num.coord(PlotFrame.WIDTH - PlotFrame.RIGHT));
    String lineD =
        Xml.elements(Xml.parse(Charts.ordersByChannel().html()), "path").get(0).getAttribute("d");
    assertThat(lineD).contains(" L").doesNotContain(" H");
  }

  @Test
  void noSeriesOrNoPointsRendersANoDataNote() {
    for (LineChart empty :
        List.of(
            new LineChart("Nothing", "x", List.of()),
            new LineChart("Still nothing", "x", List.of(new Series("a", List.of()))))) {
      Document doc = Xml.parse(empty.html());
      assertThat(Xml.elements(doc, "svg")).isEmpty();
      assertThat(Xml.texts(doc, "p")).containsExactly("No data");
      assertThat(Xml.texts(doc, "figcaption")).containsExactly(empty.title());
    }
  }

  @Test
  void aSeriesWithoutPointsIsMarkedInTheLegend() {
    LineChart chart =
        new LineChart(
            "Mixed",
            "",
            List.of(
                new Series("late channel", List.of()),
                new Series("shop", List.of(new Point(T, 1)))));
    assertThat(Xml.texts(Xml.parse(chart.html()), "text")).contains("late channel (no data)");
  }

  @Test
  void aSinglePointIsMarkedWithADot() {
    LineChart chart = new LineChart("One", "", List.of(new Series("s", List.of(new Point(T, 7)))));
    String html = chart.html();
    Document doc = Xml.parse(html);
    assertThat(Xml.elements(doc, "circle"))
        .singleElement()
        .satisfies(c -> assertThat(c.getAttribute("fill")).isEqualTo(Palette.color(0)));
    assertNoNonFiniteNumbers(html);
  }

  @Test
  void identicalTimestampsAllZeroValuesAndNegativesLayOutWithoutNaN() {
    LineChart sameInstant =
        new LineChart(
            "Same instant",
            "",
            List.of(
                new Series("a", List.of(new Point(T, 1), new Point(T, 5))),
                new Series("b", List.of(new Point(T, 3)))));
    LineChart allZero = new LineChart("Zero", "", List.of(Charts.perMinute("z", 10, m -> 0)));
    LineChart negative =
        new LineChart("Delta", "units", List.of(Charts.perMinute("d", 10, m -> m * 10 - 70)));
    for (LineChart chart : List.of(sameInstant, allZero, negative)) {
      String html = chart.html();
      Xml.parse(html);
      assertNoNonFiniteNumbers(html);
    }
    assertThat(Xml.texts(Xml.parse(negative.html()), "text")).contains("-80", "0", "40");
  }

  @Test
  void escapesTitlesLabelsAndNames() {
    LineChart chart =
        new LineChart(
            "<script>alert(1)</script>",
            "a & b",
            List.of(
                new Series(
                    "<b>bold</b>", List.of(new Point(T, 1), new Point(T.plusSeconds(60), 2)))));
    String html = chart.html();
    assertThat(html).doesNotContain("<script>", "<b>");
    Document doc = Xml.parse(html);
    assertThat(Xml.texts(doc, "figcaption")).containsExactly("<script>alert(1)</script>");
    assertThat(Xml.texts(doc, "text")).contains("a & b", "<b>bold</b>");
    assertThat(Xml.elements(doc, "script")).isEmpty();
  }

  @Test
  void rejectsValuesThatCannotBeDrawn() {
    assertThatThrownBy(() -> new Point(T, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Point(T, Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Point(T, 1e300)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theExtremesAcceptedStillLayOut() {
    LineChart chart =
        new LineChart(
            "Extremes",
            "",
            List.of(
                new Series(
                    "e",
                    List.of(
                        new Point(T, -Num.MAX_MAGNITUDE),
                        new Point(T.plusNanos(1), Num.MAX_MAGNITUDE)))));
    assertNoNonFiniteNumbers(chart.html());
  }

  static void assertNoNonFiniteNumbers(String html) {
    assertThat(html).doesNotContain("NaN", "Infinity");
  }
}
