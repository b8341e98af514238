package io.flashsale.analytics;

import io.flashsale.analytics.report.Bar;
import io.flashsale.analytics.report.BarChart;
import io.flashsale.analytics.report.Element;
import io.flashsale.analytics.report.LineChart;
import io.flashsale.analytics.report.Point;
import io.flashsale.analytics.report.ReportPage;
import io.flashsale.analytics.report.Section;
import io.flashsale.analytics.report.Series;
import io.flashsale.analytics.report.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The post-sale report: one page of charts and tables drawn from the question scripts of {@code
 * sql/queries}, run in batch over everything the topics hold.
 */
public final class PostSaleReport {

  private PostSaleReport() {}

  public static ReportPage build(SqlRunner runner, String title) {
    QueryResult live = runner.query("live_sell_through");
    QueryResult abandonment = runner.query("cart_abandonment");
    QueryResult fraud = runner.query("fraud_by_pattern");
    return new ReportPage(
        title,
        "From the topics and tables of the sale, by the scripts of sql/queries.",
        List.of(
            new Section(
                "Sell-through",
                "The share of the units given to each channel that it sold, minute by minute"
                    + " (live_sell_through.sql).",
                List.of(
                    new LineChart(
                        "Sell-through per channel",
                        "% sold",
                        perChannel(live, "sell_through", v -> 100 * v)),
                    table("Fastest sellers", runner.query("fastest_sellers")),
                    table("Stockouts", runner.query("stockouts")))),
            new Section(
                "Quotas",
                "Each channel's total quota after every change, and the changes by reason"
                    + " (live_sell_through.sql, quota_changes.sql).",
                List.of(
                    LineChart.step(
                        "Quota per channel", "units", perChannel(live, "quota_now", v -> v)),
                    table("Quota changes by reason", runner.query("quota_changes")))),
            new Section(
                "Cart abandonment",
                "Holds released or expired per minute; spikes in the warning colour"
                    + " (cart_abandonment.sql).",
                List.of(
                    new BarChart(
                        "Abandoned holds per minute (UTC)",
                        "holds",
                        bars(
                            abandonment,
                            "minute_start",
                            "abandoned",
                            "spike",
                            t -> t.substring(11, 16)),
                        "spike"))),
            new Section(
                "Fraud alerts",
                "Alerts per pattern and the share of orders their customers placed"
                    + " (fraud_by_pattern.sql).",
                List.of(
                    new BarChart(
                        "Alerts per pattern",
                        "alerts",
                        bars(fraud, "pattern", "alerts", null, t -> t)),
                    table("Alerts by pattern", fraud)))));
  }

  private static List<Series> perChannel(
      QueryResult live, String column, Function<Double, Double> scale) {
    Map<String, List<Point>> points = new TreeMap<>();
    List<String> channels = live.column("channel");
    List<String> minutes = live.column("minute_start");
    List<String> values = live.column(column);
    for (int i = 0; i < channels.size(); i++) {
      if (values.get(i) != null) {
        points
            .computeIfAbsent(channels.get(i), c -> new ArrayList<>())
            .add(
                new Point(
                    Instant.parse(minutes.get(i)), scale.apply(Double.parseDouble(values.get(i)))));
      }
    }
    return points.entrySet().stream().map(e -> new Series(e.getKey(), e.getValue())).toList();
  }

  /** One bar per row; {@code highlight} names a BOOLEAN column that marks bars, or is null. */
  private static List<Bar> bars(
      QueryResult result,
      String label,
      String value,
      String highlight,
      UnaryOperator<String> labelText) {
    List<String> labels = result.column(label);
    List<String> values = result.column(value);
    List<String> marks = highlight == null ? null : result.column(highlight);
    List<Bar> bars = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      bars.add(
          new Bar(
              labelText.apply(labels.get(i)),
              Double.parseDouble(values.get(i)),
              marks != null && "true".equals(marks.get(i))));
    }
    return bars;
  }

  private static Element table(String title, QueryResult result) {
    return new Table(title, result.columns(), result.rows());
  }
}
