package io.flashsale.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashsale.deploy.MetricCatalog;
import io.flashsale.local.LocalJob;
import io.flashsale.local.LocalStack;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Scrapes the Prometheus reporter that flink-conf/config.yaml turns on while a short sale plays on
 * the local cluster and real Kafka: every metric docs/metrics.md names is served, and each moves as
 * the sale dictates.
 */
class PrometheusMetricsTest {

  private static final String LEDGER = "flink_taskmanager_job_task_operator_flashsale_";
  private static final String INPUTS =
      "flink_taskmanager_job_task_operator_deserializer_flashsale_";
  private static final String JOB = "flink_jobmanager_job_";

  /** {@code event=name key=value key="quoted \"value\""}. */
  private static final String LOGFMT =
      "event=[a-z_]+( [A-Za-z]+=([^ \"=\\\\]+|\"([^\"\\\\]|\\\\.)*\"))*";

  @Test
  @Timeout(300)
  void servesEveryDocumentedMetricMovingAsTheSaleDoes() throws Exception {
    Scenario scenario = Scenario.load("src/test/resources/short-sale.yaml");
    Configuration flink = LocalStack.flinkConfiguration(Path.of("../flink-conf"));
    List<PrometheusScrape> scrapes = new CopyOnWriteArrayList<>();
    LiveOutcome live;
    ScheduledExecutorService scraper = Executors.newSingleThreadScheduledExecutor();
    List<CapturedLogs.Line> logs;
    try (CapturedLogs captured = CapturedLogs.capture();
        SaleStack stack = SaleStack.start(scenario, flink, 0)) {
      URI endpoint = stack.local().metricsEndpoint().orElseThrow();
      scraper.scheduleWithFixedDelay(
          () -> {
            try {
              scrapes.add(PrometheusScrape.of(endpoint));
            } catch (Exception e) {
              System.err.println("scrape failed: " + e);
            }
          },
          0,
          2,
          TimeUnit.SECONDS);
      sendOneMalformedCartEvent(stack);
      live = stack.play(DemandTrace.of(scenario), progress -> {});
      scraper.shutdown();
      scraper.awaitTermination(30, TimeUnit.SECONDS);
      scrapes.add(PrometheusScrape.of(endpoint));
      logs = List.copyOf(captured.lines());
    }
    PrometheusScrape last = scrapes.get(scrapes.size() - 1);
    System.out.println(scrapes.size() + " scrapes; the last served " + last.names().size());

    Set<String> served = new TreeSet<>();
    scrapes.forEach(scrape -> served.addAll(scrape.names()));
    for (MetricCatalog.Metric metric : MetricCatalog.read(Path.of(".."))) {
      String name = metric.name();
      boolean summary = metric.type().startsWith("histogram");
      assertThat(served)
          .as("%s (%s) is served", name, metric.section())
          .contains(summary ? name + "_count" : name);
    }

    String decisions = LEDGER + "status_reason_decisions";
    assertThat(series(scrapes, s -> s.sum(decisions, w -> w.label("status").equals("GRANTED"))))
        .as("holds granted, scrape after scrape")
        .isSorted()
        .last()
        .isNotEqualTo(0.0);
    assertThat(last.sum(decisions, s -> s.label("status").equals("COMMITTED"))).isPositive();
    assertThat(series(scrapes, s -> s.sum(LEDGER + "oversellIncidents")))
        .as("oversell incidents, in every scrape")
        .containsOnly(0.0);
    assertThat(series(scrapes, s -> s.sum(LEDGER + "holdsOutstanding")))
        .as("shoppers hold units during the sale")
        .anyMatch(holds -> holds > 0);
    assertThat(series(scrapes, s -> s.sum(LEDGER + "unitsHeld"))).anyMatch(units -> units > 0);
    assertThat(
            last.sum(
                LEDGER + "outcome_holdAgeMs_count", s -> s.label("outcome").equals("COMMITTED")))
        .isPositive();

    for (String marketplace : List.of("amazon", "walmart")) {
      assertThat(
              series(
                  scrapes,
                  s ->
                      s.sum(
                          LEDGER + "channel_exposure",
                          w -> w.label("channel").equals(marketplace))))
          .as("%s's exposure", marketplace)
          .anyMatch(units -> units > 0);
      assertThat(
              last.sum(
                  LEDGER + "channel_reason_quotaChanges",
                  s ->
                      s.label("channel").equals(marketplace)
                          && s.label("reason").equals("INITIAL")))
          .as("an initial quota for each SKU on %s", marketplace)
          .isEqualTo(scenario.products().skus().size());
      assertThat(last.sum(LEDGER + "channel_applied", s -> s.label("channel").equals(marketplace)))
          .as("quotas %s took", marketplace)
          .isPositive();
      assertThat(
              last.sum(
                  LEDGER + "channel_syncLagLimitMs", s -> s.label("channel").equals(marketplace)))
          .isPositive();
    }
    assertThat(
            last.sum(
                LEDGER + "channel_reason_quotaChanges",
                s -> s.label("reason").equals("FLASH_SALE_START")))
        .isPositive();

    for (var alerts : live.fraudAlerts().entrySet()) {
      assertThat(
              last.sum(
                  LEDGER + "pattern_fraudAlerts", s -> s.label("pattern").equals(alerts.getKey())))
          .as("%s alerts, counted as published", alerts.getKey())
          .isEqualTo((double) alerts.getValue());
    }
    assertThat(live.fraudAlerts()).containsKey("BOT_VELOCITY");

    // The inventory and the fraud job both read the carts, and each sends the record away once.
    assertThat(last.samples(INPUTS + "topic_reason_deadLetters"))
        .hasSize(2)
        .allSatisfy(
            letter -> {
              assertThat(letter.label("reason")).isEqualTo("invalid");
              assertThat(letter.label("topic")).endsWith("storefront.carts");
              assertThat(letter.value()).isEqualTo(1.0);
            })
        .extracting(letter -> letter.label("job_name"))
        .containsExactlyInAnyOrder(LocalJob.INVENTORY.jobName(), LocalJob.FRAUD.jobName());

    assertThat(series(scrapes, s -> s.sum(JOB + "numberOfCompletedCheckpoints")))
        .as("checkpoints keep completing")
        .isSorted()
        .last()
        .isNotEqualTo(0.0);
    // A job's first checkpoints fail while its tasks deploy; once one completes, none may fail.
    PrometheusScrape running =
        scrapes.stream()
            .filter(
                scrape ->
                    scrape.samples(JOB + "numberOfCompletedCheckpoints").size() == 4
                        && scrape.samples(JOB + "numberOfCompletedCheckpoints").stream()
                            .allMatch(jobs -> jobs.value() > 0))
            .findFirst()
            .orElseThrow();
    assertThat(last.sum(JOB + "numberOfFailedCheckpoints"))
        .isEqualTo(running.sum(JOB + "numberOfFailedCheckpoints"));

    // The jobs' own logs: one logfmt line per notable event (the malformed record, each fraud
    // alert, a listing paused), none per record.
    logs.forEach(line -> System.out.println(line.level() + " " + line.message()));
    assertThat(logs).allSatisfy(line -> assertThat(line.message()).matches(LOGFMT));
    assertThat(logs)
        .extracting(CapturedLogs.Line::message)
        .anyMatch(line -> line.startsWith("event=dead_letter ") && line.contains(" kind=invalid "))
        .anyMatch(
            line ->
                line.startsWith("event=fraud_alert ") && line.contains(" pattern=BOT_VELOCITY "));
    double decided = last.sum(decisions);
    assertThat((double) logs.size())
        .as("lines against %s decisions", decided)
        .isLessThan(decided / 10);
  }

  private static List<Double> series(
      List<PrometheusScrape> scrapes, ToDoubleFunction<PrometheusScrape> value) {
    return scrapes.stream().map(scrape -> value.applyAsDouble(scrape)).toList();
  }

  private static void sendOneMalformedCartEvent(SaleStack stack) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            stack.local().kafkaProperties(),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  stack.local().topics().storefrontCarts(),
                  "T-1".getBytes(StandardCharsets.UTF_8),
                  "{\"eventId\": ".getBytes(StandardCharsets.UTF_8)))
          .get();
    }
  }
}
