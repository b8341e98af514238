package io.flashsale.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the report in a real headless Chromium and checks what a reader would see: that each series
 * was drawn in its colour, the spikes in the warning colour, each chart where it belongs on the
 * page, and the table under them. Catches what the markup tests cannot: SVG that is well-formed but
 * draws nothing, a stylesheet that hides a chart, a chart scaled off the page.
 */
class ReportPageScreenshotTest {

  private static final int WIDTH = 1280;
  private static final int HEIGHT = 2400;

  @TempDir static Path dir;
  private static Screenshot shot;

  @BeforeAll
  static void screenshot() throws Exception {
    Path html = ReportPageTest.samplePage().write(dir.resolve("report.html"));
    Path png = dir.resolve("report.png");
    HeadlessChromium.screenshot(html, png, WIDTH, HEIGHT);
    // Kept for a person to look at after the build.
    Path keep = Path.of("target", "report-screenshot");
    Files.createDirectories(keep);
    Files.copy(png, keep.resolve("report.png"), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(html, keep.resolve("report.html"), StandardCopyOption.REPLACE_EXISTING);
    shot = Screenshot.read(png);
  }

  @Test
  void theScreenshotHasTheWindowSizeAndIsNotBlank() {
    assertThat(shot.width()).isEqualTo(WIDTH);
    assertThat(shot.height()).isEqualTo(HEIGHT);
    // Text, grid, lines, bars and table together cover well over 3% of the page.
    assertThat(shot.nonWhite(0, HEIGHT)).isGreaterThan(WIDTH * HEIGHT * 3 / 100);
  }

  @Test
  void everySeriesOfTheLineChartWasDrawnInItsColour() {
    for (int i = 0; i < 3; i++) {
      // An hour-long line 2.5 px thick across ~1000 px has thousands of pixels; a legend swatch
      // alone has about 60.
      assertThat(shot.count(Palette.color(i))).as("pixels of series %d", i).isGreaterThan(800);
    }
  }

  @Test
  void theSpikesAreDrawnInTheWarningColourAmongOrdinaryBars() {
    assertThat(shot.count(Palette.WARNING)).isGreaterThan(1000);
    assertThat(shot.count(Palette.BAR)).isGreaterThan(5000);
  }

  @Test
  void theChartsAreStackedInTheOrderOfTheSections() {
    // Only the first chart has a third series: its colour marks that chart's extent.
    int lineChartTop = shot.firstRow(Palette.color(2));
    int lineChartBottom = shot.lastRow(Palette.color(2));
    int barChartTop = shot.firstRow(Palette.WARNING);
    int barChartBottom = shot.lastRow(Palette.BAR);
    assertThat(lineChartTop).isPositive();
    assertThat(lineChartBottom - lineChartTop).as("line chart height").isGreaterThan(200);
    assertThat(barChartTop).isGreaterThan(lineChartBottom + 200);

    // The step chart lies between them, in the first two series colours.
    for (int i = 0; i < 2; i++) {
      assertThat(shot.count(Palette.color(i), lineChartBottom + 1, barChartTop))
          .as("step chart pixels of series %d", i)
          .isGreaterThan(500);
    }
    // No series colour strays into the bar chart or below.
    for (int i = 0; i < 3; i++) {
      assertThat(shot.count(Palette.color(i), barChartTop, HEIGHT)).isZero();
    }
    // Under the bar chart: the table's heading and text.
    assertThat(barChartBottom).isLessThan(HEIGHT - 300);
    assertThat(shot.dark(barChartBottom + 30, HEIGHT)).as("table text").isGreaterThan(1500);
  }
}
