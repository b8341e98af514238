package io.flashsale.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flashsale.embedded.marketplaces.MarketplaceStandIn;
import io.flashsale.embedded.marketplaces.MarketplaceStandIn.Applied;
import io.flashsale.embedded.marketplaces.MarketplaceStandIn.Marketplace;
import io.flashsale.embedded.marketplaces.RecordedRequest;
import io.flashsale.events.AckStatus;
import io.flashsale.events.ChannelAck;
import io.flashsale.events.ChannelQuota;
import io.flashsale.events.QuotaReason;
import io.flashsale.kafka.Topics;
import io.flashsale.testing.JobMetrics;
import io.flashsale.testing.JobsOnKafka;
import io.flashsale.testing.Producing;
import io.flashsale.testing.TopicTail;
import io.flashsale.testing.TopicTail.Received;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walmart's inventory API answers only 503 for a minute while the quotas of many SKUs keep
 * changing, then recovers: the channel sync job on real Kafka against the marketplace stand-ins.
 * Amazon and the own store keep taking their quotas meanwhile; once Walmart is back it takes each
 * SKU's newest quota and never an older one after a newer one, every quota is either acked once or
 * superseded by a newer one, retries honour Retry-After, and the job never restarts.
 */
class MarketplaceOutageTest {

  private static final InMemoryReporter reporter = InMemoryReporter.createWithRetainedMetrics();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setConfiguration(reporter.addToConfiguration(new Configuration()))
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static final Duration OUTAGE = Duration.ofSeconds(60);
  private static final int RETRY_AFTER_SECONDS = 5;
  private static final int MAX_IN_FLIGHT = 8;

  private static final String FAILING = "walmart";
  private static final List<String> HEALTHY = List.of("web", "amazon");
  private static final List<String> CHANNELS = List.of("web", "amazon", "walmart");
  private static final List<String> SKUS =
      IntStream.range(0, 12).mapToObj(i -> "OUT-" + i).toList();

  /** With a SKU whose first quota comes while Walmart is down. */
  private static final List<String> ALL_SKUS =
      Stream.concat(SKUS.stream(), Stream.of("OUT-NEW")).toList();

  /** Rounds of newer quotas during the outage, the first a second in, the last at 45 s. */
  private static final int ROUNDS = 5;

  private static final Duration ROUND_SPACING = Duration.ofSeconds(11);

  private static JobsOnKafka kafka;
  private static final MarketplaceStandIn standIn =
      MarketplaceStandIn.start(
          new MarketplaceStandIn.Credentials(
              "shpat_outage-shop-token",
              "amzn1.application-oa2-client.outage",
              "amzn-outage-client-secret",
              "Atzr|outage-refresh-token",
              "walmart-outage-client",
              "walmart-outage-secret"));

  @BeforeAll
  static void start() {
    kafka = JobsOnKafka.kafkaOnly();
  }

  @AfterAll
  static void stop() {
    standIn.close();
    kafka.close();
  }

  @Test
  void quotasCatchUpNewestFirstAfterAMinuteOf503sWhileTheOtherMarketplacesKeepTakingTheirs(
      @TempDir Path dir) throws Exception {
    Topics topics = kafka.createTopics("outage.");
    PublishedQuotas quotas = new PublishedQuotas();

    try (Producing producer = kafka.producer();
        TopicTail<ChannelAck> acks = kafka.tail(topics.channelAcks(), ChannelAck.class)) {
      JobClient job = kafka.startChannelSync(config("outage.", dir));
      publish(producer, topics, quotas.nextVersions(CHANNELS, SKUS, 1));
      awaitApplied(acks, quotas.newest(CHANNELS), Duration.ofSeconds(60));

      standIn.retryAfterSeconds(RETRY_AFTER_SECONDS);
      long downAt = System.currentTimeMillis();
      standIn.downFor(Marketplace.WALMART, OUTAGE);
      long upAt = downAt + OUTAGE.toMillis();
      long worstHealthyRoundMillis = 0;
      for (int round = 0; round < ROUNDS; round++) {
        Thread.sleep(Math.max(0, downAt + 1000 + round * ROUND_SPACING.toMillis() - now()));
        // The last round changes every quota twice in a row, so the older one is still queued.
        int versions = round == ROUNDS - 1 ? 2 : 1;
        long sentAt = now();
        publish(
            producer,
            topics,
            quotas.nextVersions(CHANNELS, round == 0 ? SKUS : ALL_SKUS, versions));
        // Amazon and the own store take every round before Walmart is back.
        awaitApplied(acks, quotas.newest(HEALTHY), Duration.ofMillis(upAt - now()));
        worstHealthyRoundMillis = Math.max(worstHealthyRoundMillis, now() - sentAt);
      }

      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> caughtUp(quotas, acks, FAILING));
      long appliedAfter = newestAppliedAt(quotas) - upAt;
      long ackedAfter = newestAckedAt(quotas, acks) - upAt;
      List<ChannelAck> settled =
          acks.awaitSettled(a -> true, Duration.ofSeconds(30), Duration.ofSeconds(2));

      assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
      assertThat(JobMetrics.value(reporter, job, "numRestarts"))
          .as("a 503 is retried, never a failure of the job")
          .isZero();
      assertThat(standIn.applied())
          .as("Walmart took nothing while it was down")
          .noneMatch(
              a ->
                  a.marketplace() == Marketplace.WALMART
                      && a.atMillis() >= downAt
                      && a.atMillis() < upAt);
      for (String channel : CHANNELS) {
        assertEveryListingEndsAtItsNewestQuotaWithoutAStaleOneOnTheWay(quotas, channel);
        assertEveryQuotaIsAckedOnceOrSuperseded(quotas, settled, job, channel);
      }

      List<Long> duringOutage =
          standIn.requestTimes(MarketplaceOutageTest::isWalmartInventory).stream()
              .filter(at -> at >= downAt && at < upAt)
              .toList();
      // Each 503 pauses the whole channel for its Retry-After: at most one wave per Retry-After,
      // of at most max-in-flight single updates and one bulk feed.
      long bound = (OUTAGE.toSeconds() / RETRY_AFTER_SECONDS + 1) * (MAX_IN_FLIGHT + 1);
      assertThat(duringOutage).hasSizeLessThanOrEqualTo((int) bound);

      System.out.printf(
          "marketplace outage: Walmart answered only 503 (Retry-After %d s) for %d s: %d"
              + " inventory requests (bound %d), %d retries, %d quotas superseded, %d applied%n",
          RETRY_AFTER_SECONDS,
          OUTAGE.toSeconds(),
          duringOutage.size(),
          bound,
          JobMetrics.channel(reporter, job, FAILING, "retries"),
          JobMetrics.channel(reporter, job, FAILING, "superseded"),
          JobMetrics.channel(reporter, job, FAILING, "applied"));
      System.out.printf(
          "marketplace outage: after recovery every newest Walmart quota applied in %d ms, acked"
              + " in %d ms; meanwhile Amazon and Shopify took each round within %d ms%n",
          appliedAfter, ackedAfter, worstHealthyRoundMillis);
      long published = CHANNELS.stream().mapToLong(quotas::count).sum();
      long settledQuotas =
          CHANNELS.stream()
              .mapToLong(
                  c ->
                      JobMetrics.channel(reporter, job, c, "applied")
                          + JobMetrics.channel(reporter, job, c, "superseded"))
              .sum();
      System.out.printf(
          "marketplace outage: %d quotas published, %d lost, %d acks read committed, %d"
              + " duplicates%n",
          published,
          published - settledQuotas,
          settled.size(),
          settled.size() - settled.stream().map(ChannelAck::eventId).distinct().count());
      job.cancel().get();
    }
  }

  /** The marketplace holds each SKU's newest quota and took the quotas in version order. */
  private static void assertEveryListingEndsAtItsNewestQuotaWithoutAStaleOneOnTheWay(
      PublishedQuotas quotas, String channel) {
    Marketplace marketplace = marketplace(channel);
    for (String sku : quotas.skus(channel)) {
      assertThat(standIn.quantity(marketplace, sku))
          .as("%s %s", channel, sku)
          .isEqualTo(quotas.newest(channel, sku).quota());
      List<Long> versionsTaken =
          standIn.applied().stream()
              .filter(a -> a.marketplace() == marketplace && a.sku().equals(sku))
              .map(a -> quotas.versionOf(channel, sku, a.quantity()))
              .toList();
      assertThat(versionsTaken)
          .as("versions %s %s took, in order", channel, sku)
          .isSorted()
          .doesNotHaveDuplicates()
          .endsWith(quotas.newest(channel, sku).quotaVersion());
    }
  }

  /**
   * Read committed, each APPLIED ack names a published quota and comes once, a SKU's acks rise in
   * version and end at its newest; every quota published is acked or was superseded by a newer one
   * before it could be sent, and none is left.
   */
  private static void assertEveryQuotaIsAckedOnceOrSuperseded(
      PublishedQuotas quotas, List<ChannelAck> acks, JobClient job, String channel) {
    List<ChannelAck> own = acks.stream().filter(a -> a.channel().equals(channel)).toList();
    assertThat(own).allMatch(a -> a.status() == AckStatus.APPLIED && a.appliedAt() != null);
    assertThat(own).extracting(ChannelAck::eventId).doesNotHaveDuplicates();
    for (String sku : quotas.skus(channel)) {
      List<ChannelAck> ofSku = own.stream().filter(a -> a.sku().equals(sku)).toList();
      assertThat(ofSku)
          .as("%s %s acks", channel, sku)
          .allMatch(a -> a.quota() == quotas.version(channel, sku, a.quotaVersion()).quota());
      assertThat(ofSku.stream().map(ChannelAck::quotaVersion).toList())
          .as("%s %s acked versions, in topic order", channel, sku)
          .isSorted()
          .doesNotHaveDuplicates()
          .endsWith(quotas.newest(channel, sku).quotaVersion());
    }
    long applied = JobMetrics.channel(reporter, job, channel, "applied");
    long superseded = JobMetrics.channel(reporter, job, channel, "superseded");
    assertThat(applied).as("%s applied", channel).isEqualTo(own.size());
    assertThat(applied + superseded).as("%s quotas", channel).isEqualTo(quotas.count(channel));
    assertThat(JobMetrics.channel(reporter, job, channel, "errors")).isZero();
    assertThat(JobMetrics.channel(reporter, job, channel, "pendingQuotas")).isZero();
  }

  private static boolean caughtUp(
      PublishedQuotas quotas, TopicTail<ChannelAck> acks, String channel) {
    List<String> applied = applied(acks);
    return quotas.newest(List.of(channel)).stream()
        .allMatch(
            q ->
                Long.valueOf(q.quota()).equals(standIn.quantity(marketplace(channel), q.sku()))
                    && applied.contains(status(q)));
  }

  /** When Walmart took the last of the newest quotas, by its own clock. */
  private static long newestAppliedAt(PublishedQuotas quotas) {
    return quotas.newest(List.of(FAILING)).stream()
        .mapToLong(
            q ->
                standIn.applied().stream()
                    .filter(
                        a ->
                            a.marketplace() == Marketplace.WALMART
                                && a.sku().equals(q.sku())
                                && a.quantity() == q.quota())
                    .mapToLong(Applied::atMillis)
                    .max()
                    .orElseThrow())
        .max()
        .orElseThrow();
  }

  /** When a read-committed consumer had read the last of the newest quotas' acks. */
  private static long newestAckedAt(PublishedQuotas quotas, TopicTail<ChannelAck> acks) {
    List<Received<ChannelAck>> received = acks.received();
    return quotas.newest(List.of(FAILING)).stream()
        .mapToLong(
            q ->
                received.stream()
                    .filter(r -> status(r.value()).equals(status(q)))
                    .mapToLong(Received::receivedAtMillis)
                    .min()
                    .orElseThrow())
        .max()
        .orElseThrow();
  }

  private static void awaitApplied(
      TopicTail<ChannelAck> acks, List<ChannelQuota> quotas, Duration timeout) {
    List<String> expected = quotas.stream().map(MarketplaceOutageTest::status).toList();
    await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> applied(acks).containsAll(expected));
  }

  private static List<String> applied(TopicTail<ChannelAck> acks) {
    return acks.values().stream()
        .filter(a -> a.status() == AckStatus.APPLIED)
        .map(MarketplaceOutageTest::status)
        .toList();
  }

  private static String status(ChannelAck ack) {
    return ack.channel() + " " + ack.sku() + " v" + ack.quotaVersion();
  }

  private static String status(ChannelQuota quota) {
    return quota.channel() + " " + quota.sku() + " v" + quota.quotaVersion();
  }

  /** Walmart's inventory and feed endpoints; its token endpoint is a service of its own. */
  private static boolean isWalmartInventory(RecordedRequest request) {
    return request.path().startsWith("/v3/") && !request.path().equals("/v3/token");
  }

  private static Marketplace marketplace(String channel) {
    return switch (channel) {
      case "web" -> Marketplace.SHOPIFY;
      case "amazon" -> Marketplace.AMAZON;
      default -> Marketplace.WALMART;
    };
  }

  private static Configuration config(String prefix, Path dir) {
    Configuration config = kafka.config(prefix);
    standIn.channelConfiguration(dir.resolve("secrets"), ALL_SKUS).forEach(config::setString);
    for (String channel : CHANNELS) {
      config.setString("channel." + channel + ".batch-interval", "1s");
      config.setString("channel." + channel + ".feed-poll-interval", "50ms");
    }
    config.setString("channel.walmart.max-in-flight", String.valueOf(MAX_IN_FLIGHT));
    // Retry-After sets the pace during the outage; capping the backoff at 10 s instead of the
    // default minute bounds how long a SKU may sleep past the recovery.
    config.setString("channel.walmart.retry-max-backoff", "10s");
    return config;
  }

  private static void publish(Producing producer, Topics topics, List<ChannelQuota> quotas) {
    producer.send(topics.channelQuotas(), quotas, ChannelQuota::key);
  }

  private static long now() {
    return System.currentTimeMillis();
  }

  /**
   * The quotas published, as the inventory job publishes them: per SKU and channel, versions from 1
   * in order, each with the previous quota it replaces.
   */
  private static final class PublishedQuotas {

    private final Map<String, Map<String, List<ChannelQuota>>> byChannel = new HashMap<>();

    /** The next {@code count} versions of each SKU's quota on each channel, in version order. */
    List<ChannelQuota> nextVersions(List<String> channels, List<String> skus, int count) {
      List<ChannelQuota> next = new ArrayList<>();
      for (String channel : channels) {
        for (String sku : skus) {
          for (int i = 0; i < count; i++) {
            next.add(next(channel, sku));
          }
        }
      }
      return next;
    }

    /**
     * Alternately raised and lowered (101, 98, 103, 96, ...), so both urgent and batched pushes
     * happen, and distinct, so a quantity a marketplace took names the version it came from.
     */
    private ChannelQuota next(String channel, String sku) {
      List<ChannelQuota> versions = versions(channel, sku);
      long version = versions.size() + 1;
      long quota = version % 2 == 1 ? 100 + version : 100 - version;
      long previous = versions.isEmpty() ? 0 : versions.get(versions.size() - 1).quota();
      ChannelQuota next =
          new ChannelQuota(
              sku,
              channel,
              quota,
              previous,
              version,
              version == 1 ? QuotaReason.INITIAL : QuotaReason.STOCK_CHANGE,
              false,
              Instant.now());
      versions.add(next);
      return next;
    }

    private List<ChannelQuota> versions(String channel, String sku) {
      return byChannel
          .computeIfAbsent(channel, c -> new HashMap<>())
          .computeIfAbsent(sku, s -> new ArrayList<>());
    }

    List<String> skus(String channel) {
      return List.copyOf(byChannel.get(channel).keySet());
    }

    ChannelQuota version(String channel, String sku, long version) {
      return versions(channel, sku).get(Math.toIntExact(version) - 1);
    }

    ChannelQuota newest(String channel, String sku) {
      List<ChannelQuota> versions = versions(channel, sku);
      return versions.get(versions.size() - 1);
    }

    /** The newest quota of every SKU on these channels. */
    List<ChannelQuota> newest(List<String> channels) {
      return channels.stream()
          .flatMap(channel -> skus(channel).stream().map(sku -> newest(channel, sku)))
          .toList();
    }

    long versionOf(String channel, String sku, long quantity) {
      return versions(channel, sku).stream()
          .filter(q -> q.quota() == quantity)
          .mapToLong(ChannelQuota::quotaVersion)
          .findFirst()
          .orElseThrow(
              () ->
                  new AssertionError(channel + " took " + quantity + " for " + sku + ": no quota"));
    }

    long count(String channel) {
      return byChannel.get(channel).values().stream().mapToLong(List::size).sum();
    }
  }
}
