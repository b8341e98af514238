package io.flashsale.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashsale.analytics.PostSaleReport;
import io.flashsale.analytics.SaleDataset;
import io.flashsale.analytics.SqlRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The post-sale report of the hand-written sale, from real Kafka and PostgreSQL, opened in a real
 * headless Chromium: its charts are drawn, not only written.
 */
class PostSaleReportTest {

  @Test
  void rendersTheSaleCharts(@TempDir Path dir) throws Exception {
    ReportPage page;
    try (SaleDataset sale = new SaleDataset()) {
      long started = System.nanoTime();
      SqlRunner runner =
          SqlRunner.open(SaleDataset.sqlDir(), sale.connections(true), false, new Configuration());
      page = PostSaleReport.build(runner, "Black Friday");
      System.out.printf(
          "post-sale report: %d queries in %.1f s on the mini cluster%n",
          7, (System.nanoTime() - started) / 1e9);
    }
    Path html = page.write(dir.resolve("report.html"));
    Path png = dir.resolve("report.png");
    HeadlessChromium.screenshot(html, png, 1280, 3000);
    Path keep = Files.createDirectories(Path.of("target", "post-sale-report"));
    Files.copy(png, keep.resolve("report.png"), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(html, keep.resolve("report.html"), StandardCopyOption.REPLACE_EXISTING);

    assertThat(page.html())
        .contains("Sell-through per channel", "Quota per channel")
        .contains("amazon", "walmart", "web", "COUPON_ABUSE", "DEVIATION_TRIGGER");
    Screenshot shot = Screenshot.read(png);
    // Three channels, three series colours, in the sell-through chart and the quota chart.
    for (int channel = 0; channel < 3; channel++) {
      assertThat(shot.count(Palette.color(channel)))
          .as("pixels of channel %d's colour", channel)
          .isGreaterThan(400);
    }
    // The four-release minute at 10:12 is a spike.
    assertThat(shot.count(Palette.WARNING)).as("spike bars").isGreaterThan(300);
    // Bars that are not spikes: the other abandonment minutes and the alert patterns.
    assertThat(shot.count(Palette.BAR)).as("plain bars").isGreaterThan(1000);
    assertThat(shot.lastRow(Palette.WARNING))
        .as("the abandonment chart comes after the quota chart")
        .isGreaterThan(shot.firstRow(Palette.color(2)));
  }
}
