package io.flashsale.inventory.ledger;

import static io.flashsale.inventory.LedgerEvents.at;
import static io.flashsale.inventory.LedgerEvents.checkout;
import static io.flashsale.inventory.LedgerEvents.hold;
import static io.flashsale.inventory.LedgerEvents.order;
import static io.flashsale.inventory.LedgerEvents.received;
import static io.flashsale.inventory.LedgerEvents.stock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.flashsale.channels.ChannelConfig;
import io.flashsale.events.AckStatus;
import io.flashsale.events.AllocationOverride;
import io.flashsale.events.ChannelAck;
import io.flashsale.events.ChannelOverride;
import io.flashsale.events.ChannelQuota;
import io.flashsale.events.Decision;
import io.flashsale.events.DecisionReason;
import io.flashsale.events.DecisionStatus;
import io.flashsale.events.DemandForecast;
import io.flashsale.events.OrderStatus;
import io.flashsale.events.Pool;
import io.flashsale.events.Position;
import io.flashsale.events.QuotaReason;
import io.flashsale.events.SaleEvent;
import io.flashsale.events.SaleEventType;
import io.flashsale.events.StockKind;
import io.flashsale.inventory.SaleNotice;
import io.flashsale.inventory.allocation.AllocationConfig;
import io.flashsale.inventory.allocation.DemandSample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The allocation rules with the shipped channels (web DIRECT weight 1.5; amazon, walmart
 * MARKETPLACE weight 1 with 2 minimum units and 2 h / 1 h sync lag; amazon-fba) and policy (buffer
 * 5-10%, low stock under 10, hysteresis 2 units or 10%, rebalance every 4 h, 20% deviation over 30
 * min windows sliding by 5 min, 24 h horizon). Overbooking is off unless a test says otherwise.
 */
class AllocationRulesTest {

  private static final String SKU = "SKU-1";
  private static final long HOUR = 3_600_000;

  private LedgerHarness ledger;

  private LedgerHarness open(double overbookingCap) throws Exception {
    return open(overbookingCap, AllocationConfig.defaults().channels());
  }

  private LedgerHarness open(double overbookingCap, List<ChannelConfig> channels) throws Exception {
    AllocationConfig shipped = AllocationConfig.defaults();
    ledger =
        new LedgerHarness(
            LedgerPolicy.DEFAULT,
            new AllocationConfig(
                channels,
                io.flashsale.inventory.allocation.AllocationConfigs.policy(
                    shipped.policy().bufferPercent(),
                    shipped.policy().maxBufferPercent(),
                    shipped.policy().lowStockThreshold(),
                    overbookingCap)));
    return ledger;
  }

  @AfterEach
  void close() throws Exception {
    ledger.close();
  }

  private List<ChannelQuota> newQuotas(int from) {
    return ledger.quotas().subList(from, ledger.quotas().size());
  }

  private Position main() {
    return ledger.position(SKU, Pool.MAIN).orElseThrow();
  }

  private static DemandForecast forecast(String channel, double perHour, Instant from) {
    return new DemandForecast(
        "f-" + channel + from, SKU, channel, perHour, from, from.plus(Duration.ofDays(2)), "model");
  }

  private static ChannelAck ack(String channel, long version, long quota, Instant at) {
    return new ChannelAck(
        "a-" + channel + version, channel, SKU, quota, version, AckStatus.APPLIED, at, null);
  }

  @Test
  void shouldHoldBackTheBufferAndSplitTheRestWithMinimumsThenByWeight() throws Exception {
    open(1.0).send(received("s1", SKU, 100, at(0)));

    assertThat(ledger.quotas())
        .extracting(ChannelQuota::channel, ChannelQuota::quota, ChannelQuota::reason)
        .containsExactly(
            tuple("amazon", 28L, QuotaReason.INITIAL),
            tuple("walmart", 28L, QuotaReason.INITIAL),
            tuple("web", 39L, QuotaReason.INITIAL));
    assertThat(main())
        .extracting(Position::bufferUnits, Position::quotaOutstanding, Position::available)
        .containsExactly(5L, 56L, 39L);

    assertThat(ledger.send(hold("c1", SKU, "h1", 39, at(1))).newDecisions())
        .extracting(Decision::status)
        .containsExactly(DecisionStatus.GRANTED);
    assertThat(ledger.send(hold("c2", SKU, "h2", 1, at(2))).newDecisions())
        .as("the buffer and the marketplaces' units are not the own store's")
        .extracting(Decision::reason)
        .containsExactly(DecisionReason.INSUFFICIENT_STOCK);
  }

  @Test
  void shouldFollowForecastDemandAndRaiseAChannelOnlyFromUnitsNoLongerExposed() throws Exception {
    open(1.0).send(received("s1", SKU, 100, at(0)));
    ledger.send(forecast("amazon", 10, at(1)), forecast("web", 5, at(1)));
    int before = ledger.quotas().size();

    ledger.watermark(at(4 * 3600));

    // 24 h demand: amazon 240, web 120 (x1.5), walmart 0. Walmart shrinks to its minimum at once;
    // amazon's raise would be exposed on top of its old quota for its lag, taking units the own
    // store needs meanwhile (5/h over 2 x 2 h), so it waits.
    assertThat(newQuotas(before))
        .extracting(ChannelQuota::channel, ChannelQuota::quota, ChannelQuota::reason)
        .containsExactly(tuple("walmart", 2L, QuotaReason.SCHEDULED_REBALANCE));
    assertThat(main().quotaOutstanding())
        .as("walmart's old 28 and new 2, amazon's 28")
        .isEqualTo(58);

    int shrunk = ledger.quotas().size();
    ledger.watermark(at(6 * 3600));

    // Walmart's old quota closed (published at 4 h, applied by 5 h, its orders in by 6 h): room 65,
    // of which 20 stay for the own store's next 4 h.
    assertThat(newQuotas(shrunk))
        .extracting(ChannelQuota::channel, ChannelQuota::quota, ChannelQuota::reason)
        .containsExactly(
            tuple("amazon", 45L, QuotaReason.STOCK_CHANGE),
            tuple("web", 20L, QuotaReason.STOCK_CHANGE));
  }

  /** The shipped channels, with Walmart behind a Kafka bridge that acks what it applied. */
  private static List<ChannelConfig> walmartBridged() {
    return AllocationConfig.defaults().channels().stream()
        .map(
            c ->
                c.id().equals("walmart")
                    ? new ChannelConfig(
                        c.id(), c.kind(), c.weight(), c.minUnits(), c.maxSyncLag(), "kafka")
                    : c)
        .toList();
  }

  /** Walmart's quota paused at minute 60: 28 + 0 outstanding, amazon lowered to 28 + 2. */
  private void pauseWalmart() throws Exception {
    ledger.send(
        new AllocationOverride(
            "o1",
            SKU,
            null,
            null,
            List.of(new ChannelOverride("walmart", null, null, true)),
            at(60)));
  }

  @Test
  void shouldKeepALoweredQuotaExposedUntilTheAckAndTheOrderLagHavePassed() throws Exception {
    open(1.0, walmartBridged()).send(received("s1", SKU, 100, at(0)), forecast("web", 10, at(1)));
    int before = ledger.quotas().size();
    pauseWalmart();
    assertThat(newQuotas(before))
        .extracting(
            ChannelQuota::channel,
            ChannelQuota::quota,
            ChannelQuota::listingPaused,
            ChannelQuota::reason)
        .contains(tuple("walmart", 0L, true, QuotaReason.MANUAL));
    assertThat(main().quotaOutstanding())
        .as("walmart 28 + 0 and amazon, lowered to its minimum, 28 + 2")
        .isEqualTo(58);

    ledger.send(ack("walmart", 2, 0, at(120)));
    // A rebalance in between (a receipt) must not release walmart's old quota early either.
    ledger.send(received("s2", SKU, 1, at(120 + 1800)));
    ledger.watermark(at(120).plusMillis(HOUR - 1));
    assertThat(main().quotaOutstanding())
        .as("orders placed before the ack may still come")
        .isEqualTo(58);

    ledger.watermark(at(120).plusMillis(HOUR));
    assertThat(main().quotaOutstanding()).isLessThanOrEqualTo(30);
    assertThat(main().available()).isGreaterThan(39);
  }

  @Test
  void shouldNotTakeAMarketplaceAcceptingAnUpdateForItsApplyingIt() throws Exception {
    // Walmart's connector acks when Walmart accepts the update; Walmart may apply it up to its
    // hour of sync lag later and go on selling the old 28 meanwhile.
    open(1.0).send(received("s1", SKU, 100, at(0)), forecast("web", 10, at(1)));
    pauseWalmart();
    ledger.send(ack("walmart", 2, 0, at(120)));

    ledger.watermark(at(60).plusMillis(2 * HOUR - 1));
    assertThat(main().quotaOutstanding())
        .as("applied by publication + 1 h at the latest, its orders reported 1 h after that")
        .isEqualTo(58);
    // An order placed after the ack was still placed under the old quota.
    ledger.send(order("m1", "walmart", "W-1", SKU, 5, OrderStatus.CREATED, Pool.MAIN, at(600)));
    assertThat(main().quotaOutstanding()).isEqualTo(53);
    ledger.watermark(at(60).plusMillis(2 * HOUR));
    assertThat(main().quotaOutstanding()).isLessThanOrEqualTo(30);
  }

  @Test
  void shouldAssumeAQuotaAppliedAfterTheMaximumSyncLagWhenNoAckComes() throws Exception {
    open(1.0).send(received("s1", SKU, 100, at(0)), forecast("web", 10, at(1)));
    ledger.send(
        new AllocationOverride(
            "o1",
            SKU,
            null,
            null,
            List.of(new ChannelOverride("walmart", null, null, true)),
            at(60)));

    ledger.watermark(at(60).plusMillis(2 * HOUR - 1));
    assertThat(main().quotaOutstanding())
        .as("walmart 28 + 0 and amazon, lowered to its minimum, 28 + 2")
        .isEqualTo(58);
    ledger.watermark(at(60).plusMillis(2 * HOUR));
    assertThat(main().quotaOutstanding()).isLessThanOrEqualTo(30);
  }

  @Test
  void shouldCountReportedOrdersAgainstTheQuotaTheyWerePlacedUnder() throws Exception {
    open(1.0).send(received("s1", SKU, 100, at(0)));
    ledger.send(order("m1", "amazon", "A-1", SKU, 3, OrderStatus.CREATED, Pool.MAIN, at(30)));

    assertThat(main())
        .extracting(Position::committed, Position::quotaOutstanding, Position::available)
        .containsExactly(3L, 53L, 39L);
    assertThat(ledger.incidents()).isEmpty();
  }

  @Test
  void shouldPauseMarketplacesInLowStockAndLetTheOwnStoreSellTheBuffer() throws Exception {
    open(1.0).send(received("s1", SKU, 20, at(0)));
    assertThat(ledger.quotas())
        .extracting(ChannelQuota::channel, ChannelQuota::quota)
        .containsExactly(tuple("amazon", 6L), tuple("walmart", 6L), tuple("web", 7L));
    ledger.send(hold("c1", SKU, "h1", 7, at(1)), checkout("c2", SKU, "h1", "W-1", 7, at(2)));
    int before = ledger.quotas().size();

    ledger.send(order("m1", "amazon", "A-1", SKU, 4, OrderStatus.CREATED, Pool.MAIN, at(3)));

    // 20 on hand - 11 committed = 9 unpromised units, under 10.
    assertThat(newQuotas(before))
        .extracting(
            ChannelQuota::channel,
            ChannelQuota::quota,
            ChannelQuota::listingPaused,
            ChannelQuota::reason)
        .containsExactly(
            tuple("amazon", 0L, true, QuotaReason.LOW_STOCK_PAUSE),
            tuple("walmart", 0L, true, QuotaReason.LOW_STOCK_PAUSE),
            tuple("web", 1L, false, QuotaReason.LOW_STOCK_PAUSE));
    assertThat(main())
        .extracting(Position::quotaOutstanding, Position::available)
        .as("what amazon and walmart may still sell stays theirs; the buffer is the own store's")
        .containsExactly(8L, 1L);
  }

  @Test
  void shouldRebalanceAtOnceWhenDemandDeviatesFromTheForecast() throws Exception {
    open(1.0).send(received("s1", SKU, 100, at(0)));
    long window = 30 * 60_000;
    long slide = 5 * 60_000;
    long start = at(0).toEpochMilli();
    for (int i = 1; i <= 4; i++) {
      ledger.send(new DemandSample(SKU, "amazon", start + i * slide, window, 5));
    }
    int before = ledger.quotas().size();
    assertThat(ledger.quotas()).hasSize(3);

    ledger.send(new DemandSample(SKU, "amazon", start + 5 * slide, window, 25));

    assertThat(newQuotas(before))
        .extracting(ChannelQuota::reason)
        .isNotEmpty()
        .containsOnly(QuotaReason.DEVIATION_TRIGGER);
  }

  @Test
  void shouldNotRepublishWithinTheHysteresis() throws Exception {
    open(1.0).send(received("s1", SKU, 100, at(0)));
    int before = ledger.quotas().size();

    ledger.send(received("s2", SKU, 1, at(60)));

    assertThat(newQuotas(before)).isEmpty();
    ledger.send(received("s3", SKU, 40, at(120)));
    assertThat(newQuotas(before))
        .extracting(ChannelQuota::reason)
        .containsOnly(QuotaReason.STOCK_CHANGE);
  }

  @Test
  void shouldShrinkMarketplacesForAFlashSaleAndRestoreThemAfterwards() throws Exception {
    open(1.0).send(received("s1", SKU, 100, at(0)));
    ledger.send(
        forecast("web", 2, at(1)), forecast("amazon", 2, at(1)), forecast("walmart", 2, at(1)));
    SaleEvent sale =
        new SaleEvent(
            "x1",
            "flash",
            SaleEventType.SCHEDULED,
            "web",
            List.of(SKU),
            4.0,
            8.0,
            null,
            null,
            20.0,
            null,
            at(3 * 3600),
            at(3 * 3600 + 1800),
            at(2));
    ledger.send(sale, new SaleNotice(SKU, sale));
    int before = ledger.quotas().size();

    ledger.watermark(at(3 * 3600));
    List<ChannelQuota> atStart = newQuotas(before);
    assertThat(atStart).extracting(ChannelQuota::reason).containsOnly(QuotaReason.FLASH_SALE_START);
    assertThat(atStart)
        .filteredOn(q -> !q.channel().equals("web"))
        .allMatch(q -> q.quota() < q.previousQuota(), "marketplaces shrink");
    assertThat(main().bufferUnits()).as("the sale's buffer").isEqualTo(8);

    int during = ledger.quotas().size();
    ledger.watermark(at(3 * 3600 + 1800));
    assertThat(newQuotas(during))
        .extracting(ChannelQuota::reason)
        .contains(QuotaReason.FLASH_SALE_END);
    assertThat(main().bufferUnits()).isEqualTo(5);
  }

  @Test
  void shouldOverbookHoldsFromLearnedConversionButNeverCommitBeyondStock() throws Exception {
    open(1.25).send(received("s1", SKU, 1000, at(0)));
    // Teach it that half the holds convert: 300 holds, 150 checkouts.
    for (int i = 0; i < 300; i++) {
      ledger.send(hold("h" + i, SKU, "hold-" + i, 1, at(1 + i)));
      ledger.send(
          i % 2 == 0
              ? checkout("k" + i, SKU, "hold-" + i, "W-" + i, 1, at(1 + i))
              : io.flashsale.inventory.LedgerEvents.release("r" + i, SKU, "hold-" + i, at(1 + i)));
    }
    long committable = main().available();
    int granted = 0;
    for (int i = 0; i < (int) committable + 200; i++) {
      List<Decision> answer =
          ledger.send(hold("x" + i, SKU, "x-" + i, 1, at(400 + i))).newDecisions();
      granted += answer.get(answer.size() - 1).status() == DecisionStatus.GRANTED ? 1 : 0;
    }
    assertThat(granted).as("holds beyond the committable units").isGreaterThan((int) committable);
    assertThat(granted).isLessThanOrEqualTo((int) Math.floor(1.25 * committable));

    for (int i = 0; i < granted; i++) {
      ledger.send(checkout("y" + i, SKU, "x-" + i, "O-" + i, 1, at(700 + i)));
    }
    assertThat(main().committed())
        .as("commits take exactly the committable units")
        .isEqualTo(150 + committable);
    assertThat(ledger.decisions())
        .filteredOn(d -> d.reason() == DecisionReason.CHECKOUT_REJECTED)
        .hasSize(granted - (int) committable);
  }

  @Test
  void shouldNeverReallocateFbaAndAdviseHowManyUnitsToSendThere() throws Exception {
    open(1.0).send(received("s1", SKU, 100, at(0)));
    int quotasBefore = ledger.quotas().size();
    ledger.send(
        stock("f1", SKU, Pool.FBA, StockKind.RECEIVED, 10, null, at(10)),
        order("m1", "amazon-fba", "F-1", SKU, 4, OrderStatus.CREATED, Pool.FBA, at(20)),
        forecast("amazon-fba", 1, at(30)));
    ledger.watermark(at(4 * 3600));

    assertThat(newQuotas(quotasBefore)).noneMatch(q -> q.channel().equals("amazon-fba"));
    assertThat(ledger.position(SKU, Pool.FBA).orElseThrow())
        .extracting(Position::onHand, Position::committed, Position::quotaOutstanding)
        .containsExactly(10L, 4L, 0L);
    // 1 unit/h for 30 days is 720 units; 6 are there and MAIN can spare 95.
    assertThat(ledger.fbaRecommendations().get(ledger.fbaRecommendations().size() - 1))
        .extracting(r -> r.recommendedUnits(), r -> r.fbaAvailable(), r -> r.daysOfCover())
        .containsExactly(95L, 6L, 30);
  }
}
