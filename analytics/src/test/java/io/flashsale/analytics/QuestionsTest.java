package io.flashsale.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every question script of {@code sql/queries}, run as {@code flashsale sql} runs it on real Kafka
 * and PostgreSQL over the hand-written sale of {@link SaleDataset}; the expected rows were worked
 * out by hand from that sale (the comments say how).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuestionsTest {

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              // The jars shipped to the cluster are on this JVM's classpath too: load them once.
              .setConfiguration(
                  new Configuration().set(CoreOptions.CLASSLOADER_RESOLVE_ORDER, "parent-first"))
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(4)
              .build());

  private static final String DAY = "2026-11-27T";

  private SaleDataset sale;
  private SqlRunner runner;

  @BeforeAll
  void start() {
    sale = new SaleDataset();
    runner =
        SqlRunner.open(SaleDataset.sqlDir(), sale.connections(true), false, new Configuration());
  }

  @AfterAll
  void stop() {
    sale.close();
  }

  @Test
  void fastestSellers() {
    // amazon SKU-A: first sale 10:00:30, quota 0 at 10:03 (2 min); 2 + 1 sold, 1 cancelled.
    // web SKU-A: first 10:01:00, quota 0 at 10:04 (3 min). The rest never ran out.
    assertRows(
        "fastest_sellers",
        row("SKU-A", "amazon", "2", at("10:00:30"), at("10:02:30"), "2"),
        row("SKU-A", "web", "3", at("10:01:00"), at("10:01:30"), "3"),
        row("SKU-B", "walmart", "4", at("10:01:00"), at("10:01:00"), null),
        row("SKU-B", "web", "3", at("10:02:10"), at("10:02:10"), null),
        row("SKU-C", "web", "1", at("10:03:00"), at("10:03:00"), null));
  }

  @Test
  void cartAbandonment() {
    // 10:01 two checkouts and a release; 10:02 and 10:03 a checkout each; the release of a
    // rejected checkout (10:06) is not abandonment; 10:10 an expiry; 10:12 four releases, 4 >= 3 x
    // max(average 0.5, floor 1): a spike.
    assertRows(
        "cart_abandonment",
        row(at("10:01:00"), "2", "1", "0.333", null, "false"),
        row(at("10:02:00"), "1", "0", "0.0", "1.0", "false"),
        row(at("10:03:00"), "1", "0", "0.0", "0.5", "false"),
        row(at("10:10:00"), "0", "1", "1.0", "0.333", "false"),
        row(at("10:12:00"), "0", "4", "1.0", "0.5", "true"));
  }

  @Test
  void stockouts() {
    // amazon SKU-A out at 10:03 and never back; 3 units sold in the hour before.
    // web SKU-A out 10:04 to 10:20 (16 min): 2 + 1 units turned away (the 5 at 10:25 came after
    // the restock); 3 sold in the hour before: 3 x 16 / 60 = 0.8, about 1 unit lost.
    assertRows(
        "stockouts",
        row("amazon", "SKU-A", at("10:03:00"), null, null, "0", null),
        row("web", "SKU-A", at("10:04:00"), at("10:20:00"), "16", "3", "1"));
  }

  @Test
  void forecastAccuracy() {
    // amazon 6 allocated, 2 sold: -0.667; walmart 5 and 4: -0.2; web 5 + 10 + 3 and 3 + 3 + 1.
    assertRows(
        "forecast_accuracy",
        row("amazon", "6", "2", "-0.667", "1"),
        row("walmart", "5", "4", "-0.2", "1"),
        row("web", "18", "7", "-0.611", "0"));
  }

  @Test
  void quotaChangesByReason() {
    // amazon 3 -> 6 -> 0; walmart 5 -> 2; web 5 + 10 + 3 at first, then SKU-A 5 -> 0 -> 4.
    assertRows(
        "quota_changes",
        row("amazon", "DEVIATION_TRIGGER", "1", "3", "0"),
        row("amazon", "INITIAL", "1", "3", "0"),
        row("amazon", "STOCK_CHANGE", "1", "0", "6"),
        row("walmart", "DEVIATION_TRIGGER", "1", "0", "3"),
        row("walmart", "INITIAL", "1", "5", "0"),
        row("web", "INITIAL", "3", "18", "0"),
        row("web", "STOCK_CHANGE", "2", "4", "5"));
  }

  @Test
  void discountDepthAgainstMargin() {
    // SKU-B 3 at 15.00 of 20.00 (cost 8.00); SKU-A 2 + 1 at 40.00 of 50.00 (cost 20.00); SKU-C 1 at
    // its list price 40.00 (cost 30.00).
    assertRows(
        "discount_margin",
        row("SKU-B", "Beta charger", "3", "0.25", "0.467", "45.00", "21.00"),
        row("SKU-A", "Alpha headphones", "3", "0.2", "0.5", "120.00", "60.00"),
        row("SKU-C", "Gamma lamp", "1", "0.0", "0.25", "40.00", "10.00"));
  }

  @Test
  void fraudAlertsByPattern() {
    // 4 own-store orders; BOT_VELOCITY flagged c-new (O3) and c-new2 (no order); COUPON_ABUSE
    // flagged c-loyal (O1) and c-lapsed (O2) under one coupon.
    assertRows(
        "fraud_by_pattern",
        row("BOT_VELOCITY", "2", "2", "1", "0.25"),
        row("COUPON_ABUSE", "2", "1", "2", "0.5"));
  }

  @Test
  void bestHourToNotifyEachSegment() {
    // lapsed c-lapsed: 20h (July) and 10h, a tie: the earlier hour; loyal c-loyal: three at 9h,
    // one at 10h; new c-new and c-rej: 10h; occasional c-occasional: 20h and 10h.
    assertRows(
        "notify_hour",
        row("lapsed", "10", "1", "0.5"),
        row("loyal", "9", "3", "0.75"),
        row("new", "10", "2", "1.0"),
        row("occasional", "10", "1", "0.5"));
  }

  @Test
  void liveSellThroughAndQuotas() {
    // Per channel and minute: units sold (a cancellation gives back), quota changes summed.
    List<List<String>> expected =
        List.of(
            row(at("09:30:00"), "amazon", "0", "0", "3", "0.0"),
            row(at("10:00:00"), "amazon", "2", "2", "3", "0.4"),
            row(at("10:01:00"), "amazon", "0", "2", "6", "0.25"),
            row(at("10:02:00"), "amazon", "1", "3", "6", "0.333"),
            row(at("10:03:00"), "amazon", "0", "3", "0", "1.0"),
            row(at("10:30:00"), "amazon", "-1", "2", "0", "1.0"),
            row(at("09:30:00"), "walmart", "0", "0", "5", "0.0"),
            row(at("10:01:00"), "walmart", "4", "4", "5", "0.444"),
            row(at("10:02:00"), "walmart", "0", "4", "2", "0.667"),
            row(at("09:30:00"), "web", "0", "0", "18", "0.0"),
            row(at("10:01:00"), "web", "3", "3", "18", "0.143"),
            row(at("10:02:00"), "web", "3", "6", "18", "0.25"),
            row(at("10:03:00"), "web", "1", "7", "18", "0.28"),
            row(at("10:04:00"), "web", "0", "7", "13", "0.35"),
            row(at("10:20:00"), "web", "0", "7", "17", "0.292"));
    QueryResult result = runner.query("live_sell_through");
    assertThat(result.columns())
        .containsExactly(
            "minute_start", "channel", "units", "units_so_far", "quota_now", "sell_through");
    assertThat(sorted(result.rows())).containsExactlyElementsOf(expected);
  }

  @Test
  void liveSellThroughStreamsTheSameRowsAsTheBatchAnswer() throws Exception {
    SqlRunner streaming =
        SqlRunner.open(SaleDataset.sqlDir(), sale.connections(false), true, new Configuration());
    List<List<String>> batch = runner.query("live_sell_through").rows();
    List<List<String>> streamed = new ArrayList<>();
    TableResult live = streaming.execute(streaming.question("live_sell_through"));
    try (CloseableIterator<Row> rows = live.collect()) {
      // Minutes are emitted as the watermark passes them, per channel as its events arrive.
      while (streamed.size() < 5 && rows.hasNext()) {
        Row row = rows.next();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < row.getArity(); i++) {
          values.add(QueryResult.text(row.getField(i)));
        }
        streamed.add(values);
      }
    }
    assertThat(streamed).hasSize(5).doesNotHaveDuplicates();
    assertThat(batch).as("each streamed row is the batch answer's").containsAll(streamed);
  }

  @Test
  void discountTiersWithinTheSaleBudget() {
    // S-WEB (budget 30.00; S-OLD was cancelled): lapsed 25% of 50.00, loyal 15% of 2 x 50.00,
    // new 10% of 3 x 20.00, occasional (*) 5% of 40.00: 35.50 spent, 5.50 over.
    assertRows(
        "discount_tiers_budget",
        row("S-WEB", "lapsed", "25", "1", "1", "12.50", "35.50", "30.00", "-5.50"),
        row("S-WEB", "loyal", "15", "1", "2", "15.00", "35.50", "30.00", "-5.50"),
        row("S-WEB", "new", "10", "1", "3", "6.00", "35.50", "30.00", "-5.50"),
        row("S-WEB", "occasional", "5", "1", "1", "2.00", "35.50", "30.00", "-5.50"));
  }

  @Test
  void runsOnAFlinkClusterThroughItsRestEndpointAndStoresTheAnswerInPostgres(
      @InjectClusterClient ClusterClient<?> cluster) throws Exception {
    URL rest = new URL(cluster.getWebInterfaceURL());
    SqlRunner remote =
        SqlRunner.open(
            SaleDataset.sqlDir(),
            sale.connections(true),
            false,
            RemoteCluster.at(rest.getHost() + ":" + rest.getPort()));
    int jobsBefore = cluster.listJobs().get().size();
    QueryResult answer = remote.query("forecast_accuracy");
    assertThat(cluster.listJobs().get()).as("ran on that cluster").hasSize(jobsBefore + 1);
    assertThat(answer.rows()).isEqualTo(runner.query("forecast_accuracy").rows());

    PostgresResults.write(
        answer,
        sale.postgres.jdbcUrl(),
        sale.postgres.username(),
        sale.postgres.password(),
        SaleDataset.SCHEMA,
        "forecast_accuracy");
    // A second run replaces the first answer.
    PostgresResults.write(
        answer,
        sale.postgres.jdbcUrl(),
        sale.postgres.username(),
        sale.postgres.password(),
        SaleDataset.SCHEMA,
        "forecast_accuracy");
    List<List<String>> stored = new ArrayList<>();
    try (Connection db =
            DriverManager.getConnection(
                sale.postgres.jdbcUrl(), sale.postgres.username(), sale.postgres.password());
        ResultSet rows =
            db.createStatement()
                .executeQuery(
                    "SELECT * FROM "
                        + SaleDataset.SCHEMA
                        + ".forecast_accuracy ORDER BY channel")) {
      while (rows.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= answer.columns().size(); i++) {
          row.add(rows.getString(i));
        }
        stored.add(row);
      }
    }
    assertThat(stored).isEqualTo(answer.rows());
  }

  private void assertRows(String question, List<String>... expected) {
    assertThat(runner.query(question).rows()).containsExactly(expected);
  }

  private static List<List<String>> sorted(List<List<String>> rows) {
    return rows.stream()
        .sorted(
            Comparator.<List<String>, String>comparing(r -> r.get(1)).thenComparing(r -> r.get(0)))
        .toList();
  }

  private static List<String> row(String... values) {
    return Arrays.asList(values);
  }

  private static String at(String time) {
    return DAY + time + "Z";
  }
}
