package io.flashsale.fraud.functions;

import static io.flashsale.fraud.Carts.T0;
import static io.flashsale.fraud.Carts.WEB;
import static io.flashsale.fraud.Carts.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.flashsale.events.FraudAction;
import io.flashsale.events.FraudAlert;
import io.flashsale.events.FraudPattern;
import io.flashsale.events.SaleEvent;
import io.flashsale.events.SaleEventType;
import io.flashsale.events.SubjectType;
import io.flashsale.fraud.scoring.ScoringPolicy;
import io.flashsale.fraud.scoring.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RiskScorerTest {

  private static final Duration HORIZON = Duration.ofMinutes(10);
  private static final ScoringPolicy POLICY = new ScoringPolicy(70, 85, HORIZON);

  private ScorerHarness scorer;

  @BeforeEach
  void open() throws Exception {
    scorer = new ScorerHarness(POLICY);
  }

  @AfterEach
  void close() throws Exception {
    scorer.close();
  }

  // ---- fixtures ----

  /** A fast checkout by {@code customer} whose checkout happened at {@code seconds} on web. */
  private static Signal fastCheckout(String customer, double seconds) {
    return signal("fast-checkout", FraudPattern.BOT_VELOCITY, customer, 75, seconds, WEB);
  }

  private static Signal enumeration(String customer, double seconds) {
    return signal("coupon-enumeration", FraudPattern.COUPON_ABUSE, customer, 90, seconds, WEB);
  }

  private static Signal stacking(String customer, double seconds) {
    return signal("coupon-stacking", FraudPattern.COUPON_STACKING, customer, 90, seconds, WEB);
  }

  private static Signal signal(
      String rule,
      FraudPattern pattern,
      String customer,
      int weight,
      double seconds,
      String channel) {
    return new Signal(
        rule,
        pattern,
        SubjectType.CUSTOMER,
        customer,
        weight,
        List.of(rule + "@" + seconds + "-a", rule + "@" + seconds + "-b"),
        at(seconds - 1),
        at(seconds),
        channel,
        "SKU-1",
        customer,
        null,
        null,
        null);
  }

  private static SaleEvent sale(
      String eventId, SaleEventType type, Instant startsAt, Instant endsAt, Instant occurredAt) {
    return new SaleEvent(
        eventId,
        "black-friday",
        type,
        WEB,
        List.of(),
        null,
        null,
        null,
        null,
        null,
        null,
        startsAt,
        endsAt,
        occurredAt);
  }

  // ---- thresholds ----

  @Test
  void shouldFlagAFastCheckoutAtTheNormalThresholdOf70() throws Exception {
    scorer.send(fastCheckout("ann", 5));

    List<FraudAlert> flagged = scorer.watermark(at(10));

    assertThat(flagged).hasSize(1);
    FraudAlert alert = flagged.get(0);
    assertThat(alert.riskScore()).isEqualTo(75);
    assertThat(alert.threshold()).isEqualTo(70);
    assertThat(alert.action()).isEqualTo(FraudAction.REVIEW);
    assertThat(alert.pattern()).isEqualTo(FraudPattern.BOT_VELOCITY);
    assertThat(alert.subjectType()).isEqualTo(SubjectType.CUSTOMER);
    assertThat(alert.subject()).isEqualTo("ann");
    assertThat(alert.customerId()).isEqualTo("ann");
    assertThat(alert.evidenceEventIds())
        .containsExactly("fast-checkout@5.0-a", "fast-checkout@5.0-b");
    assertThat(alert.windowStart()).isEqualTo(at(4));
    assertThat(alert.windowEnd()).isEqualTo(at(5));
    assertThat(alert.detectedAt()).isEqualTo(at(5));
  }

  @Test
  void shouldNotFlagAFastButLegitimateShopperDuringAFlashSaleAt85() throws Exception {
    scorer.calendar(sale("s1", SaleEventType.STARTED, T0, T0.plus(Duration.ofHours(1)), T0));
    scorer.send(
        fastCheckout("eager", 5),
        signal("fast-checkout", FraudPattern.BOT_VELOCITY, "elsewhere", 75, 5, "other-shop"));

    assertThat(scorer.watermark(at(10)))
        .as("the same score flags the shopper on a channel without a sale")
        .extracting(FraudAlert::subject, FraudAlert::threshold)
        .containsExactly(tuple("elsewhere", 70));
  }

  @Test
  void shouldSwitchTheThresholdWhenTheSaleStartsAndWhenItEnds() throws Exception {
    scorer.calendar(sale("s1", SaleEventType.SCHEDULED, at(20), at(100), at(0)));
    scorer.send(fastCheckout("before", 10), fastCheckout("at-the-start", 20));
    assertThat(scorer.watermark(at(20)))
        .extracting(FraudAlert::subject, FraudAlert::threshold)
        .containsExactly(tuple("before", 70));

    scorer.calendar(sale("s2", SaleEventType.STARTED, at(20), at(100), at(20)));
    scorer.send(fastCheckout("during", 40));
    assertThat(scorer.watermark(at(50))).isEmpty();

    // The sale ended early: ENDED carries the actual end, which replaces the scheduled one.
    scorer.calendar(sale("s3", SaleEventType.ENDED, at(20), at(60), at(60)));
    scorer.send(fastCheckout("last-moment", 59.999), fastCheckout("at-the-end", 60));
    assertThat(scorer.watermark(at(80)))
        .extracting(FraudAlert::subject, FraudAlert::threshold)
        .containsExactly(tuple("at-the-end", 70));
  }

  @Test
  void shouldKeepTheNormalThresholdForACancelledSaleOrOtherSkus() throws Exception {
    scorer.calendar(
        new SaleEvent(
            "s1",
            "shoes-only",
            SaleEventType.STARTED,
            WEB,
            List.of("SHOE-1"),
            null,
            null,
            null,
            null,
            null,
            null,
            T0,
            at(100),
            T0));
    scorer.calendar(sale("s2", SaleEventType.SCHEDULED, T0, at(100), T0));
    scorer.calendar(sale("s3", SaleEventType.CANCELLED, T0, at(100), at(1)));
    scorer.send(fastCheckout("ann", 10));

    assertThat(scorer.watermark(at(20))).extracting(FraudAlert::threshold).containsExactly(70);
  }

  // ---- combining signals ----

  @Test
  void shouldCombineEveryRuleThatMatchedASubjectAndAlertAgainOnlyWhenTheScoreRises()
      throws Exception {
    scorer.send(fastCheckout("ann", 10), fastCheckout("ann", 20), enumeration("ann", 30));
    scorer.send(enumeration("ann", 40), stacking("ann", 50));

    List<FraudAlert> flagged = scorer.watermark(at(60));

    assertThat(flagged)
        .extracting(FraudAlert::pattern, FraudAlert::riskScore, FraudAlert::detectedAt)
        .containsExactly(
            tuple(FraudPattern.BOT_VELOCITY, 75, at(10)),
            tuple(FraudPattern.COUPON_ABUSE, 98, at(30)),
            tuple(FraudPattern.COUPON_STACKING, 100, at(50)));
    FraudAlert last = flagged.get(2);
    assertThat(last.windowStart()).as("from the latest match of each rule").isEqualTo(at(19));
    assertThat(last.evidenceEventIds())
        .containsExactly(
            "fast-checkout@20.0-a",
            "fast-checkout@20.0-b",
            "coupon-enumeration@40.0-a",
            "coupon-enumeration@40.0-b",
            "coupon-stacking@50.0-a",
            "coupon-stacking@50.0-b");
    assertThat(flagged).extracting(FraudAlert::alertId).doesNotHaveDuplicates();
  }

  @Test
  void shouldFlagDuringASaleWhenRulesTogetherReachTheSaleThreshold() throws Exception {
    scorer.calendar(sale("s1", SaleEventType.STARTED, T0, at(1000), T0));
    scorer.send(fastCheckout("bot-account", 10), enumeration("bot-account", 12));

    assertThat(scorer.watermark(at(20)))
        .extracting(FraudAlert::riskScore, FraudAlert::threshold)
        .containsExactly(tuple(98, 85));
  }

  @Test
  void shouldForgetAMatchOnceItIsAHorizonOld() throws Exception {
    scorer.send(fastCheckout("ann", 10));
    scorer.watermark(at(20));
    scorer.send(enumeration("ann", 10 + HORIZON.toSeconds()));

    assertThat(scorer.watermark(at(1000)))
        .as("the fast checkout no longer counts: 90 alone, a new episode")
        .extracting(FraudAlert::riskScore)
        .containsExactly(90);
  }

  // ---- determinism and bounded state ----

  @Test
  void shouldWaitForTheWatermarkSoThatTheOrderOfArrivalDoesNotMatter() throws Exception {
    scorer.send(enumeration("ann", 30), fastCheckout("ann", 10));
    assertThat(scorer.watermark(at(9))).as("nothing is scored ahead of the watermark").isEmpty();
    List<FraudAlert> reversed = scorer.watermark(at(40));

    try (ScorerHarness inOrder = new ScorerHarness(POLICY)) {
      inOrder.send(fastCheckout("ann", 10), enumeration("ann", 30));
      assertThat(reversed).hasSize(2).isEqualTo(inOrder.watermark(at(40)));
    }
  }

  @Test
  void shouldKeepOneTimerForASubjectHoweverManyMatchesFloodIt() throws Exception {
    List<FraudAlert> flagged = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      scorer.send(fastCheckout("bot", 1 + i * 0.01));
      if (i % 10 == 9) {
        flagged.addAll(scorer.watermark(at(1 + i * 0.01)));
        assertThat(scorer.eventTimeTimers()).as("the subject's end").isEqualTo(1);
      }
    }
    scorer.send(enumeration("bot", 300));
    flagged.addAll(scorer.watermark(at(300)));

    assertThat(flagged)
        .extracting(FraudAlert::riskScore, FraudAlert::detectedAt)
        .containsExactly(tuple(75, at(1)), tuple(98, at(300)));
    String latest = "fast-checkout@" + (1 + 19_999 * 0.01);
    assertThat(flagged.get(1).evidenceEventIds())
        .as("the latest match of each rule")
        .containsExactly(
            latest + "-a",
            latest + "-b",
            "coupon-enumeration@300.0-a",
            "coupon-enumeration@300.0-b");

    scorer.watermark(at(300).plus(HORIZON));
    assertThat(scorer.keyedStateEntries()).isZero();
    assertThat(scorer.eventTimeTimers()).isZero();
  }

  @Test
  void shouldLeaveNoStateOrTimersOnceEverySignalIsAHorizonOld() throws Exception {
    scorer.send(fastCheckout("ann", 10), enumeration("bob", 20), stacking("ann", 30));
    scorer.watermark(at(40));
    assertThat(scorer.keyedStateEntries()).isPositive();

    scorer.watermark(at(30).plus(HORIZON));

    assertThat(scorer.keyedStateEntries()).isZero();
    assertThat(scorer.eventTimeTimers()).isZero();
  }
}
