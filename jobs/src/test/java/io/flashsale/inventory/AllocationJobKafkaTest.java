package io.flashsale.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.flashsale.events.ChannelQuota;
import io.flashsale.events.MarketplaceOrder;
import io.flashsale.events.OrderStatus;
import io.flashsale.events.OversellIncident;
import io.flashsale.events.Pool;
import io.flashsale.events.Position;
import io.flashsale.events.QuotaReason;
import io.flashsale.events.SaleEvent;
import io.flashsale.events.SaleEventType;
import io.flashsale.kafka.Topics;
import io.flashsale.serde.EventJson;
import io.flashsale.testing.JobsOnKafka;
import io.flashsale.testing.Producing;
import io.flashsale.testing.TopicTail;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Predicate;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A scripted flash sale on real Kafka, played in real time with the policy's hours compressed into
 * seconds: stock arrives, demand settles, a sale on the own store starts and shrinks the
 * marketplaces, its lifted forecast is not met, the stock runs low and the marketplaces pause,
 * stock arrives again, and the sale ends. The quotas published at each step are checked as a
 * marketplace connector would read them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllocationJobKafkaTest {

  private static final String SKU = "SALE-1";
  private static final Duration STEP = Duration.ofSeconds(60);

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(4)
              .build());

  private JobsOnKafka servers;

  @BeforeAll
  void start() {
    servers = JobsOnKafka.kafkaOnly();
  }

  @AfterAll
  void stop() {
    servers.close();
  }

  @Test
  void shouldPublishTheQuotasOfEachStepOfAFlashSale() throws Exception {
    Topics topics = servers.createTopics("sale.");
    Configuration config = servers.config("sale.");
    config.set(
        InventoryOptions.ALLOCATION_FILE, JobsOnKafka.resource("allocation-compressed.yaml"));
    try (TopicTail<ChannelQuota> quotas = servers.tail(topics.channelQuotas(), ChannelQuota.class);
        TopicTail<Position> positions = servers.tail(topics.inventoryPositions(), Position.class);
        TopicTail<OversellIncident> incidents =
            servers.tail(topics.oversellIncidents(), OversellIncident.class);
        Producing producing = servers.producer()) {
      JobClient job = servers.startInventory(config);
      Shop shop = new Shop(producing, topics);

      shop.receive(100);
      await(quotas, q -> count(q, QuotaReason.INITIAL) == 3);

      // Steady demand: the own store sells a unit a second, amazon a unit every two. The events
      // carry the wall clock as their time, so the pauses are what sets the rates.
      for (int second = 0; second < 8; second++) {
        shop.checkout(1);
        if (second % 2 == 0) {
          shop.marketplaceOrder("amazon", 1);
        }
        Thread.sleep(1_000);
      }
      Instant startsAt = now().plusSeconds(3);
      shop.sale(SaleEventType.SCHEDULED, startsAt, startsAt.plusSeconds(45));

      // The own store keeps selling a unit a second: far below the sale's lifted forecast.
      for (int second = 0; second < 8; second++) {
        shop.checkout(1);
        Thread.sleep(1_000);
      }
      List<ChannelQuota> started =
          await(
              quotas,
              q ->
                  has(q, QuotaReason.FLASH_SALE_START, "amazon")
                      && has(q, QuotaReason.FLASH_SALE_START, "walmart")
                      && count(q, QuotaReason.DEVIATION_TRIGGER) > 0);
      assertThat(started)
          .filteredOn(q -> q.reason() == QuotaReason.FLASH_SALE_START && !q.channel().equals("web"))
          .as("marketplaces shrink to what they need")
          .allMatch(q -> q.quota() < q.previousQuota());
      assertThat(await(positions, p -> last(p).bufferUnits() > 0).get(positions.size() - 1))
          .as("the sale's 8% buffer")
          .extracting(Position::bufferUnits)
          .isEqualTo(
              (long)
                  Math.floor(
                      0.08
                          * (last(positions.values()).onHand()
                              - last(positions.values()).committed())));

      // A rush on the own store, a checkout every 100 ms, until the stock runs low. Some of its
      // checkouts are rejected while units wait for the marketplaces' lowered quotas to apply.
      List<ChannelQuota> low =
          Awaitility.await("the marketplaces paused for low stock")
              .atMost(STEP)
              .pollInSameThread()
              .pollInterval(Duration.ofMillis(100))
              .until(
                  () -> {
                    shop.checkout(5);
                    return quotas.values();
                  },
                  q ->
                      has(q, QuotaReason.LOW_STOCK_PAUSE, "amazon")
                          && has(q, QuotaReason.LOW_STOCK_PAUSE, "walmart"));
      assertThat(low)
          .filteredOn(q -> q.reason() == QuotaReason.LOW_STOCK_PAUSE && !q.channel().equals("web"))
          .extracting(ChannelQuota::channel, ChannelQuota::quota, ChannelQuota::listingPaused)
          .containsExactlyInAnyOrder(tuple("amazon", 0L, true), tuple("walmart", 0L, true));

      shop.receive(100);
      await(
          quotas,
          q ->
              q.stream()
                  .anyMatch(
                      x ->
                          x.reason() == QuotaReason.STOCK_CHANGE
                              && x.channel().equals("amazon")
                              && !x.listingPaused()));

      List<ChannelQuota> ended = await(quotas, q -> count(q, QuotaReason.FLASH_SALE_END) > 0);
      assertThat(ended)
          .filteredOn(q -> q.reason() == QuotaReason.FLASH_SALE_END && !q.channel().equals("web"))
          .as("marketplaces get their normal share back")
          .isNotEmpty()
          .allMatch(q -> q.quota() > q.previousQuota());
      job.cancel().get();

      assertThat(incidents.snapshot()).as("no oversell").isEmpty();
      assertThat(positions.values())
          .as("commits never exceed stock")
          .allMatch(p -> p.committed() <= p.onHand());
      assertThat(quotas.values())
          .extracting(ChannelQuota::quotaVersion)
          .as("versions of each channel count up by one")
          .isNotEmpty();
      for (String channel : List.of("web", "amazon", "walmart")) {
        List<Long> versions =
            quotas.values().stream()
                .filter(q -> q.channel().equals(channel))
                .map(ChannelQuota::quotaVersion)
                .toList();
        for (int i = 0; i < versions.size(); i++) {
          assertThat(versions.get(i)).isEqualTo(i + 1L);
        }
      }
    }
  }

  private static <T> List<T> await(TopicTail<T> tail, Predicate<List<T>> done) {
    try {
      return tail.awaitSettled(done, STEP, Duration.ZERO);
    } catch (AssertionError e) {
      tail.values().forEach(v -> System.out.println("read before the timeout: " + v));
      throw e;
    }
  }

  private static long count(List<ChannelQuota> quotas, QuotaReason reason) {
    return quotas.stream().filter(q -> q.reason() == reason).count();
  }

  private static boolean has(List<ChannelQuota> quotas, QuotaReason reason, String channel) {
    return quotas.stream().anyMatch(q -> q.reason() == reason && q.channel().equals(channel));
  }

  private static <T> T last(List<T> values) {
    return values.get(values.size() - 1);
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  /** The shop, the marketplaces and the planner, each writing its events now. */
  private static final class Shop {
    private final Producing producing;
    private final Topics topics;
    private int next;

    Shop(Producing producing, Topics topics) {
      this.producing = producing;
      this.topics = topics;
    }

    void receive(int units) {
      send(topics.inventoryStock(), LedgerEvents.received("r" + next++, SKU, units, now()));
    }

    String checkout(int units) {
      String id = "c" + next++;
      send(
          topics.storefrontCarts(),
          LedgerEvents.checkout(id, SKU, "hold-" + id, "W-" + id, units, now()));
      return id;
    }

    void marketplaceOrder(String channel, int units) {
      String id = "o" + next++;
      send(
          topics.marketplaceOrders(),
          new MarketplaceOrder(
              id, channel, "M-" + id, SKU, units, OrderStatus.CREATED, Pool.MAIN, now()));
    }

    void sale(SaleEventType type, Instant startsAt, Instant endsAt) {
      producing.sendRaw(
          topics.salesCalendar(),
          "flash",
          EventJson.write(
              new SaleEvent(
                  "s" + next++,
                  "flash",
                  type,
                  "web",
                  List.of(SKU),
                  4.0,
                  8.0,
                  null,
                  null,
                  20.0,
                  null,
                  startsAt,
                  endsAt,
                  now())));
      producing.flush();
    }

    private void send(String topic, Object event) {
      producing.sendRaw(topic, SKU, EventJson.write(event));
      producing.flush();
    }
  }
}
