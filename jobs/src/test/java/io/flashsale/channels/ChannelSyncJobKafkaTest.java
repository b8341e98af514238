package io.flashsale.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flashsale.embedded.marketplaces.MarketplaceStandIn;
import io.flashsale.embedded.marketplaces.MarketplaceStandIn.Applied;
import io.flashsale.embedded.marketplaces.MarketplaceStandIn.Marketplace;
import io.flashsale.events.AckStatus;
import io.flashsale.events.ChannelAck;
import io.flashsale.events.ChannelQuota;
import io.flashsale.events.DeadLetter;
import io.flashsale.events.QuotaReason;
import io.flashsale.kafka.Topics;
import io.flashsale.testing.JobMetrics;
import io.flashsale.testing.JobsOnKafka;
import io.flashsale.testing.LogCapture;
import io.flashsale.testing.Producing;
import io.flashsale.testing.TopicTail;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The channel sync job on real Kafka against the marketplace stand-ins: acks, refusals, a
 * stop-and-restart from a savepoint and a TaskManager lost while a marketplace is down, the
 * per-channel metrics, and no secret anywhere.
 */
class ChannelSyncJobKafkaTest {

  private static final InMemoryReporter reporter = InMemoryReporter.createWithRetainedMetrics();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setConfiguration(reporter.addToConfiguration(new Configuration()))
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static final MarketplaceStandIn.Credentials CREDENTIALS =
      new MarketplaceStandIn.Credentials(
          "shpat_job-shop-token-0042",
          "amzn1.application-oa2-client.job",
          "amzn-job-client-secret-0042",
          "Atzr|job-refresh-token-0042",
          "walmart-job-client",
          "walmart-job-secret-0042");

  private static JobsOnKafka kafka;
  private static final MarketplaceStandIn standIn = MarketplaceStandIn.start(CREDENTIALS);
  private static final LogCapture logs = new LogCapture();

  @BeforeAll
  static void start() {
    kafka = JobsOnKafka.kafkaOnly();
    logs.install();
  }

  @AfterAll
  static void stop() {
    logs.uninstall();
    standIn.close();
    kafka.close();
  }

  @Test
  void pushesQuotasAcksThemAndLosesNoneAcrossARestartWhileAMarketplaceIsDown(@TempDir Path dir)
      throws Exception {
    Topics topics = kafka.createTopics("sync.");
    Configuration config = config("sync.", dir);
    standIn.refuse(Marketplace.WALMART, "SKU-BAD");
    standIn.retryAfterSeconds(0);
    standIn.downFor(Marketplace.AMAZON, Duration.ofMinutes(10));

    try (Producing producer = kafka.producer();
        TopicTail<ChannelAck> acks = kafka.tail(topics.channelAcks(), ChannelAck.class);
        TopicTail<DeadLetter> deadLetters = kafka.tail(topics.deadLetter(), DeadLetter.class)) {
      JobClient job = kafka.startChannelSync(config);
      send(
          producer,
          topics,
          quota("web", "SKU-1", 1, 50, QuotaReason.INITIAL),
          quota("walmart", "SKU-1", 1, 40, QuotaReason.FLASH_SALE_START),
          quota("walmart", "SKU-2", 1, 30, QuotaReason.STOCK_CHANGE),
          quota("walmart", "SKU-BAD", 1, 10, QuotaReason.MANUAL),
          quota("amazon-fba", "SKU-1", 1, 99, QuotaReason.INITIAL),
          quota("amazon", "SKU-1", 1, 10, QuotaReason.DEVIATION_TRIGGER),
          quota("amazon", "SKU-1", 2, 20, QuotaReason.DEVIATION_TRIGGER),
          quota("amazon", "SKU-1", 3, 30, QuotaReason.DEVIATION_TRIGGER),
          quota("amazon", "SKU-2", 1, 15, QuotaReason.FLASH_SALE_START));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  statuses(acks)
                          .containsAll(
                              List.of(
                                  "web SKU-1 v1 APPLIED",
                                  "walmart SKU-1 v1 APPLIED",
                                  "walmart SKU-2 v1 APPLIED",
                                  "walmart SKU-BAD v1 FAILED"))
                      && standIn.requestTimes(r -> r.method().equals("PATCH")).size() >= 3);
      // Amazon is down: its quotas are pending in the job's state when it stops.
      String savepoint =
          job.stopWithSavepoint(
                  false,
                  dir.resolve("savepoints").toUri().toString(),
                  SavepointFormatType.CANONICAL)
              .get();
      assertThat(statuses(acks)).noneMatch(ack -> ack.startsWith("amazon"));

      standIn.clearFailures(Marketplace.AMAZON);
      send(producer, topics, quota("amazon", "SKU-1", 4, 25, QuotaReason.DEVIATION_TRIGGER));
      Configuration restart = new Configuration(config);
      restart.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
      JobClient restarted = kafka.startChannelSync(restart);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  statuses(acks)
                      .containsAll(List.of("amazon SKU-1 v4 APPLIED", "amazon SKU-2 v1 APPLIED")));

      // Nothing lost: the newest quota of every pushed channel and SKU is acked.
      assertThat(standIn.quantity(Marketplace.AMAZON, "SKU-1")).isEqualTo(25);
      assertThat(standIn.quantity(Marketplace.AMAZON, "SKU-2")).isEqualTo(15);
      assertThat(standIn.quantity(Marketplace.SHOPIFY, "SKU-1")).isEqualTo(50);
      assertThat(standIn.quantity(Marketplace.WALMART, "SKU-2")).isEqualTo(30);
      // No stale quota after a newer one: what Amazon took for SKU-1 only ever rose to v4's 25.
      List<Long> amazonSku1 =
          standIn.applied().stream()
              .filter(a -> a.marketplace() == Marketplace.AMAZON && a.sku().equals("SKU-1"))
              .map(Applied::quantity)
              .toList();
      assertThat(amazonSku1).endsWith(25L).doesNotContain(10L, 20L);
      // FBA stock is Amazon's: never written.
      assertThat(statuses(acks)).noneMatch(ack -> ack.startsWith("amazon-fba"));
      assertThat(acks.values())
          .filteredOn(ack -> ack.status() == AckStatus.APPLIED)
          .allSatisfy(ack -> assertThat(ack.appliedAt()).isNotNull());

      DeadLetter refused =
          deadLetters
              .awaitSettled(d -> !d.isEmpty(), Duration.ofSeconds(30), Duration.ofMillis(200))
              .get(0);
      assertThat(refused.sourceTopic()).isEqualTo(topics.channelQuotas());
      assertThat(refused.offset()).isGreaterThanOrEqualTo(0);
      assertThat(refused.reason()).startsWith("walmart refused quota version 1: 400");
      assertThat(refused.payload()).contains("\"sku\":\"SKU-BAD\"");

      assertThat(channelMetric(job, "walmart", "errors")).isEqualTo(1L);
      long worstLag = measureThroughputAndSyncLagUnder429s(producer, topics, acks);
      assertThat(channelMetric(restarted, "walmart", "maxSyncLagMs"))
          .as("the gauge saw the worst lag the acks show")
          .isGreaterThanOrEqualTo(worstLag)
          .isGreaterThanOrEqualTo(1000L);
      assertThat(channelMetric(restarted, "walmart", "retries")).isGreaterThanOrEqualTo(5L);
      assertThat(channelMetric(restarted, "walmart", "requests")).isGreaterThanOrEqualTo(350L);
      assertThat(channelMetric(restarted, "walmart", "applied")).isGreaterThanOrEqualTo(350L);
      assertThat(channelMetric(restarted, "amazon", "applied")).isGreaterThanOrEqualTo(2L);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> channelMetric(restarted, "walmart", "pendingQuotas") == 0L);
      assertThat(channelMetric(restarted, "walmart", "syncLagMs")).isZero();

      List<String> secrets = secrets();
      List<String> exposed = new ArrayList<>(logs.lines());
      for (JobClient run : List.of(job, restarted)) {
        Map<String, Metric> metrics = reporter.getMetricsByIdentifiers(run.getJobID());
        assertThat(metrics.keySet()).anyMatch(name -> name.contains("channel.amazon."));
        metrics.forEach((name, metric) -> exposed.add(name + "=" + value(metric)));
      }
      acks.values().forEach(ack -> exposed.add(String.valueOf(ack)));
      deadLetters.values().forEach(d -> exposed.add(String.valueOf(d)));
      for (String secret : secrets) {
        assertThat(exposed).noneMatch(line -> line.contains(secret));
      }
      restarted.cancel().get();
    }
  }

  @Test
  void losesNoQuotaAndSendsNoStaleOneWhenATaskManagerIsLost(
      @TempDir Path dir, @InjectMiniCluster MiniCluster cluster) throws Exception {
    Topics topics = kafka.createTopics("failover.");
    Configuration config = config("failover.", dir);
    standIn.retryAfterSeconds(0);
    standIn.downFor(Marketplace.AMAZON, Duration.ofMinutes(10));

    try (Producing producer = kafka.producer();
        TopicTail<ChannelAck> acks = kafka.tail(topics.channelAcks(), ChannelAck.class)) {
      JobClient job = kafka.startChannelSync(config);
      send(
          producer,
          topics,
          quota("walmart", "SKU-390", 1, 40, QuotaReason.FLASH_SALE_START),
          quota("amazon", "SKU-390", 1, 10, QuotaReason.FLASH_SALE_START),
          quota("amazon", "SKU-390", 2, 20, QuotaReason.DEVIATION_TRIGGER),
          quota("amazon", "SKU-392", 1, 12, QuotaReason.FLASH_SALE_START));
      // Amazon is down: the quotas reach its API, retried, so they are kept in checkpoints only.
      int attempts = amazonAttempts("SKU-390") + amazonAttempts("SKU-392");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> amazonAttempts("SKU-390") + amazonAttempts("SKU-392") >= attempts + 6);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> statuses(acks).contains("walmart SKU-390 v1 APPLIED"));

      cluster.terminateTaskManager(0).get();
      send(
          producer,
          topics,
          quota("amazon", "SKU-390", 3, 30, QuotaReason.DEVIATION_TRIGGER),
          quota("walmart", "SKU-391", 1, 7, QuotaReason.FLASH_SALE_START));
      cluster.startTaskManager();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> statuses(acks).contains("walmart SKU-391 v1 APPLIED"));
      standIn.clearFailures(Marketplace.AMAZON);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  statuses(acks)
                      .containsAll(
                          List.of("amazon SKU-390 v3 APPLIED", "amazon SKU-392 v1 APPLIED")));

      assertThat(JobMetrics.value(reporter, job, "numRestarts"))
          .as("a failover happened")
          .isPositive();
      assertThat(standIn.quantity(Marketplace.AMAZON, "SKU-390")).isEqualTo(30);
      assertThat(standIn.quantity(Marketplace.AMAZON, "SKU-392")).isEqualTo(12);
      assertThat(standIn.quantity(Marketplace.WALMART, "SKU-391")).isEqualTo(7);
      List<Long> amazonTook =
          standIn.applied().stream()
              .filter(a -> a.marketplace() == Marketplace.AMAZON && a.sku().equals("SKU-390"))
              .map(Applied::quantity)
              .toList();
      assertThat(amazonTook).as("versions 1, 2, 3 are 10, 20, 30").isSorted().endsWith(30L);
      List<ChannelAck> settled =
          acks.awaitSettled(a -> true, Duration.ofSeconds(30), Duration.ofSeconds(1));
      assertThat(settled)
          .as("each quota acked once to read_committed consumers")
          .extracting(ChannelAck::eventId)
          .doesNotHaveDuplicates();
      job.cancel().get();
    }
  }

  private static int amazonAttempts(String sku) {
    return standIn
        .requestTimes(r -> r.method().equals("PATCH") && r.path().endsWith("/" + sku))
        .size();
  }

  /** Fast retries and a one-second long tail, so that the test waits seconds, not minutes. */
  private static Configuration config(String prefix, Path dir) {
    Configuration config = kafka.config(prefix);
    List<String> skus = IntStream.range(0, 400).mapToObj(i -> "SKU-" + i).toList();
    standIn.channelConfiguration(dir.resolve("secrets"), skus).forEach(config::setString);
    for (String channel : List.of("web", "amazon", "walmart")) {
      config.setString("channel." + channel + ".retry-initial-backoff", "100ms");
      config.setString("channel." + channel + ".retry-max-backoff", "1s");
    }
    config.setString("channel.walmart.batch-interval", "1s");
    config.setString("channel.walmart.feed-poll-interval", "50ms");
    config.setString("channel.walmart.requests-per-second", "500");
    config.setString("channel.walmart.burst", "50");
    return config;
  }

  /** A counter's count or a gauge's value of one channel's pusher in one run of the job. */
  private static long channelMetric(JobClient job, String channel, String name) {
    return JobMetrics.channel(reporter, job, channel, name);
  }

  /**
   * Informational: quotas per second through the job, and sync lag while Walmart answers 429.
   * Returns the worst lag seen in the acks.
   */
  private static long measureThroughputAndSyncLagUnder429s(
      Producing producer, Topics topics, TopicTail<ChannelAck> acks) {
    int count = 300;
    long before = standIn.requestTimes(r -> r.path().equals("/v3/inventory")).size();
    send(
        producer,
        topics,
        IntStream.range(100, 100 + count)
            .mapToObj(i -> quota("walmart", "SKU-" + i, 1, 5, QuotaReason.FLASH_SALE_START))
            .toArray(ChannelQuota[]::new));
    await().atMost(Duration.ofSeconds(60)).until(() -> walmartAcks(acks) >= count + 3);
    List<Long> times = standIn.requestTimes(r -> r.path().equals("/v3/inventory"));
    List<Long> burst = times.subList((int) before, times.size());
    double seconds = Math.max(1, burst.get(burst.size() - 1) - burst.get(0)) / 1000.0;
    System.out.printf(
        "channel sync: %d Walmart requests in %.2f s = %.0f requests/s%n",
        burst.size(), seconds, burst.size() / seconds);

    standIn.retryAfterSeconds(1);
    standIn.failNext(Marketplace.WALMART, 429, 429, 429, 429, 429);
    ChannelQuota[] lowered =
        IntStream.range(100, 100 + 50)
            .mapToObj(i -> quota("walmart", "SKU-" + i, 2, 3, QuotaReason.FLASH_SALE_START))
            .toArray(ChannelQuota[]::new);
    send(producer, topics, lowered);
    await().atMost(Duration.ofSeconds(60)).until(() -> walmartAcks(acks) >= count + 3 + 50);
    long worstLag =
        acks.values().stream()
            .filter(a -> a.channel().equals("walmart") && a.quotaVersion() == 2)
            .mapToLong(a -> a.appliedAt().toEpochMilli() - lowered[0].effectiveAt().toEpochMilli())
            .max()
            .orElseThrow();
    System.out.println(
        "channel sync: worst Walmart sync lag with five 429s of Retry-After 1 s: "
            + worstLag
            + " ms");
    return worstLag;
  }

  private static long walmartAcks(TopicTail<ChannelAck> acks) {
    return acks.values().stream()
        .filter(a -> a.channel().equals("walmart"))
        .map(a -> a.sku() + a.quotaVersion())
        .distinct()
        .count();
  }

  private static List<String> secrets() {
    List<String> secrets =
        new ArrayList<>(
            List.of(
                CREDENTIALS.shopifyAccessToken(),
                CREDENTIALS.amazonClientSecret(),
                CREDENTIALS.amazonRefreshToken(),
                CREDENTIALS.walmartClientSecret()));
    standIn.requests().stream()
        .flatMap(r -> Stream.of(r.header("x-amz-access-token"), r.header("WM_SEC.ACCESS_TOKEN")))
        .filter(t -> t != null)
        .distinct()
        .forEach(secrets::add);
    assertThat(secrets).hasSizeGreaterThan(5);
    return secrets;
  }

  private static Object value(Metric metric) {
    return metric instanceof Gauge<?> gauge ? gauge.getValue() : metric.toString();
  }

  private static List<String> statuses(TopicTail<ChannelAck> acks) {
    return acks.values().stream()
        .map(a -> a.channel() + " " + a.sku() + " v" + a.quotaVersion() + " " + a.status())
        .toList();
  }

  private static ChannelQuota quota(
      String channel, String sku, long version, long quota, QuotaReason reason) {
    return new ChannelQuota(sku, channel, quota, quota + 1, version, reason, false, Instant.now());
  }

  private static void send(Producing producer, Topics topics, ChannelQuota... quotas) {
    producer.send(topics.channelQuotas(), List.of(quotas), ChannelQuota::key);
    producer.flush();
  }
}
