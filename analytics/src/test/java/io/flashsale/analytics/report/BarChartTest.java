package io.flashsale.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class BarChartTest {

  @Test
  void highlightedBarsUseTheWarningColourAndTheLegendExplainsIt() {
    BarChart chart = Charts.errorsPerMinute();
    String html = chart.html();
    Document doc = Xml.parse(html);

    List<Element> bars = barRects(doc);
    assertThat(bars).hasSize(60);
    for (int i = 0; i < 60; i++) {
      String expected = chart.bars().get(i).highlighted() ? Palette.WARNING : Palette.BAR;
      assertThat(bars.get(i).getAttribute("fill")).as("bar %d", i).isEqualTo(expected);
    }
    List<String> texts = Xml.texts(doc, "text");
    assertThat(texts).contains("spike (> 3× median)", "errors");
    // The legend's two swatches.
    assertThat(Xml.elements(doc, "rect"))
        .filteredOn(r -> r.getElementsByTagName("title").getLength() == 0)
        .extracting(r -> r.getAttribute("fill"))
        .containsExactly(Palette.BAR, Palette.WARNING);
    LineChartTest.assertNoNonFiniteNumbers(html);
  }

  @Test
  void withoutHighlightsThereIsNoWarningColourAndNoLegend() {
    BarChart chart = new BarChart("Plain", "orders", List.of(new Bar("a", 1), new Bar("b", 2)));
    String html = chart.html();
    assertThat(html)
        .doesNotContain(Palette.WARNING)
        .doesNotContain(BarChart.DEFAULT_HIGHLIGHT_LABEL);
  }

  @Test
  void sixtyBarsShowEveryKthLabelWithoutOverlap() {
    Document doc = Xml.parse(Charts.errorsPerMinute().html());
    List<Element> labels =
        Xml.elements(doc, "text").stream()
            .filter(t -> t.getTextContent().matches("10:\\d\\d"))
            .toList();
    assertThat(labels).hasSizeBetween(6, 30);
    assertThat(labels.get(0).getTextContent()).isEqualTo("10:00");
    for (int i = 1; i < labels.size(); i++) {
      double gap =
          Double.parseDouble(labels.get(i).getAttribute("x"))
              - Double.parseDouble(labels.get(i - 1).getAttribute("x"));
      assertThat(gap).isGreaterThan(Svg.textWidth("10:00"));
    }
  }

  @Test
  void aFewBarsAreAllLabelled() {
    BarChart chart =
        new BarChart("Few", "", List.of(new Bar("shop", 3), new Bar("A", 2), new Bar("B", 1)));
    assertThat(Xml.texts(Xml.parse(chart.html()), "text")).contains("shop", "A", "B");
  }

  @Test
  void negativeBarsHangBelowTheZeroLine() {
    BarChart chart =
        new BarChart(
            "Net stock change",
            "units",
            List.of(new Bar("a", 40), new Bar("b", -25, true), new Bar("c", 0)));
    String html = chart.html();
    Document doc = Xml.parse(html);
    assertThat(Xml.texts(doc, "text")).contains("-40", "-20", "0", "40");
    List<Element> bars = barRects(doc);
    double topOfPositive = Double.parseDouble(bars.get(0).getAttribute("y"));
    double positiveBottom = topOfPositive + Double.parseDouble(bars.get(0).getAttribute("height"));
    double negativeTop = Double.parseDouble(bars.get(1).getAttribute("y"));
    assertThat(negativeTop).isCloseTo(positiveBottom, within(0.11));
    assertThat(bars.get(2).getAttribute("height")).isEqualTo("0");
    LineChartTest.assertNoNonFiniteNumbers(html);
  }

  @Test
  void allZeroAndSingleBarsLayOut() {
    for (BarChart chart :
        List.of(
            new BarChart("Zero", "", List.of(new Bar("a", 0), new Bar("b", 0))),
            new BarChart("One", "", List.of(new Bar("only", 5, true))))) {
      String html = chart.html();
      Xml.parse(html);
      LineChartTest.assertNoNonFiniteNumbers(html);
    }
  }

  @Test
  void manyBarsWithLongLabelsStayReadable() {
    List<Bar> bars = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      bars.add(new Bar("sku-" + i + "-with-a-very-long-name-indeed", i % 17));
    }
    Document doc = Xml.parse(new BarChart("Many", "", bars).html());
    assertThat(Xml.texts(doc, "text")).anyMatch(t -> t.endsWith("…")).hasSizeLessThan(80);
  }

  @Test
  void noBarsRendersANoDataNote() {
    Document doc = Xml.parse(new BarChart("Spikes", "errors", List.of()).html());
    assertThat(Xml.elements(doc, "svg")).isEmpty();
    assertThat(Xml.texts(doc, "p")).containsExactly("No data");
  }

  @Test
  void escapesLabels() {
    String html =
        new BarChart("<i>t</i>", "", List.of(new Bar("<img src=x>", 1, true)), "a<b").html();
    assertThat(html).doesNotContain("<img", "<i>", "a<b");
    assertThat(Xml.texts(Xml.parse(html), "text")).contains("<img src=x>", "a<b");
  }

  /** The bars: rects with a tooltip, unlike the legend's swatches. */
  private static List<Element> barRects(Document doc) {
    return Xml.elements(doc, "rect").stream()
        .filter(r -> r.getElementsByTagName("title").getLength() == 1)
        .toList();
  }
}
