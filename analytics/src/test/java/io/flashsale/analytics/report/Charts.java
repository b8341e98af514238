package io.flashsale.analytics.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/** Test data: series and bars shaped like a flash sale's. */
final class Charts {

  static final Instant SALE_START = Instant.parse("2025-11-28T10:00:00Z");

  private Charts() {}

  /** A value per minute for {@code minutes} minutes from {@link #SALE_START}. */
  static Series perMinute(String name, int minutes, IntToDoubleFunction value) {
    List<Point> points = new ArrayList<>();
    for (int m = 0; m <= minutes; m++) {
      points.add(new Point(SALE_START.plusSeconds(60L * m), value.applyAsDouble(m)));
    }
    return new Series(name, points);
  }

  /** Three channels' orders per minute over an hour: a rush at the start that tails off. */
  static LineChart ordersByChannel() {
    return new LineChart(
        "Orders per minute by channel",
        "orders / min",
        List.of(
            perMinute("own store", 60, m -> 400 * Math.exp(-m / 12.0) + 40),
            perMinute("marketplace A", 60, m -> 250 * Math.exp(-m / 18.0) + 80 + 30 * Math.sin(m)),
            perMinute("marketplace B", 60, m -> 120 + 60 * Math.sin(m / 6.0))));
  }

  /** Two marketplaces' quotas, cut and restored during the sale. */
  static LineChart quotas() {
    return LineChart.step(
        "Marketplace quotas",
        "units",
        List.of(
            new Series(
                "marketplace A",
                List.of(
                    new Point(SALE_START, 500),
                    new Point(SALE_START.plusSeconds(12 * 60), 300),
                    new Point(SALE_START.plusSeconds(35 * 60), 450))),
            new Series(
                "marketplace B",
                List.of(
                    new Point(SALE_START, 200),
                    new Point(SALE_START.plusSeconds(20 * 60), 100),
                    new Point(SALE_START.plusSeconds(50 * 60), 0)))));
  }

  /** Sixty minutes of checkout errors, three of them spikes. */
  static BarChart errorsPerMinute() {
    List<Bar> bars = new ArrayList<>();
    for (int m = 0; m < 60; m++) {
      boolean spike = m == 7 || m == 8 || m == 31;
      double value = spike ? 90 + m : 10 + (m * 7) % 13;
      bars.add(new Bar(String.format("10:%02d", m), value, spike));
    }
    return new BarChart("Checkout errors per minute", "errors", bars, "spike (> 3× median)");
  }

  static Table quotaChanges() {
    return new Table(
        "Quota changes",
        List.of("time (UTC)", "channel", "from", "to", "reason"),
        List.of(
            List.of("10:12", "marketplace A", "500", "300", "sell-through above forecast"),
            List.of("10:20", "marketplace B", "200", "100", "oversell risk: late acks"),
            List.of("10:35", "marketplace A", "300", "450", "own store stock returned"),
            List.of("10:50", "marketplace B", "100", "0", "sold out")));
  }
}
