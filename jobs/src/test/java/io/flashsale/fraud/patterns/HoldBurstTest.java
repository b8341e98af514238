package io.flashsale.fraud.patterns;

import static io.flashsale.fraud.Carts.at;
import static io.flashsale.fraud.Carts.checkout;
import static io.flashsale.fraud.Carts.hold;
import static org.assertj.core.api.Assertions.assertThat;

import io.flashsale.events.FraudPattern;
import io.flashsale.events.SubjectType;
import io.flashsale.fraud.Carts;
import io.flashsale.fraud.RuleHarness;
import io.flashsale.fraud.scoring.Signal;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HoldBurstTest {

  private static final HoldBurst PER_DEVICE =
      new HoldBurst(SubjectType.DEVICE, 5, Duration.ofSeconds(10), 90);
  private static final HoldBurst PER_IP =
      new HoldBurst(SubjectType.IP, 20, Duration.ofSeconds(10), 80);

  /**
   * {@code count} holds from device {@code bot}, one every {@code gap} seconds from {@code from}.
   */
  private static Carts[] holds(int count, double from, double gap) {
    return IntStream.range(0, count)
        .mapToObj(
            i ->
                hold("h" + i, from + i * gap)
                    .customer("account-" + i)
                    .sku("SKU-" + i)
                    .device("bot")
                    .ip("10.0.0.1"))
        .toArray(Carts[]::new);
  }

  @Test
  void shouldFlagADeviceThatRequestsFiveHoldsWithinTenSeconds() throws Exception {
    try (RuleHarness rule = new RuleHarness(PER_DEVICE)) {
      rule.send(holds(5, 0, 2)).watermark(at(20));

      assertThat(rule.signals()).hasSize(1);
      Signal signal = rule.signals().get(0);
      assertThat(signal.pattern()).isEqualTo(FraudPattern.BOT_VELOCITY);
      assertThat(signal.subjectType()).isEqualTo(SubjectType.DEVICE);
      assertThat(signal.subject()).isEqualTo("bot");
      assertThat(signal.weight()).isEqualTo(90);
      assertThat(signal.evidenceEventIds()).containsExactly("h0", "h1", "h2", "h3", "h4");
      assertThat(signal.windowStart()).isEqualTo(at(0));
      assertThat(signal.windowEnd()).isEqualTo(at(8));
      assertThat(signal.ip()).as("every hold came from one IP").isEqualTo("10.0.0.1");
      assertThat(signal.customerId()).as("the holds came from five accounts").isNull();
    }
  }

  @Test
  void shouldNotFlagFourHoldsOrFiveSpreadOverMoreThanTheWindow() throws Exception {
    try (RuleHarness four = new RuleHarness(PER_DEVICE);
        RuleHarness spread = new RuleHarness(PER_DEVICE)) {
      four.send(holds(4, 0, 1)).watermark(at(60));
      spread.send(holds(5, 0, 2.5)).watermark(at(60));

      assertThat(four.signals()).isEmpty();
      assertThat(spread.signals()).as("first to last: 10 s, not within 10 s").isEmpty();
    }
  }

  @Test
  void shouldCountAReSentHoldOnceAndIgnoreCheckouts() throws Exception {
    try (RuleHarness rule = new RuleHarness(PER_DEVICE)) {
      Carts[] four = holds(4, 0, 1);
      rule.send(four)
          .send(hold("h3", 3).customer("account-3").sku("SKU-3").device("bot"))
          .send(checkout("c1", 5).device("bot"))
          .watermark(at(60));

      assertThat(rule.signals()).isEmpty();
    }
  }

  @Test
  void shouldGiveOneSignalPerBurstNotOnePerCombinationOfHolds() throws Exception {
    try (RuleHarness rule = new RuleHarness(PER_DEVICE)) {
      rule.send(holds(12, 0, 0.5)).watermark(at(60));

      assertThat(rule.signals())
          .extracting(s -> s.evidenceEventIds().get(0))
          .containsExactly("h0", "h5");
    }
  }

  @Test
  void shouldCountAnIpOnlyAtItsOwnHigherCount() throws Exception {
    try (RuleHarness ip = new RuleHarness(PER_IP)) {
      ip.send(holds(19, 0, 0.2)).watermark(at(60));
      assertThat(ip.signals()).as("19 holds behind one IP").isEmpty();

      ip.send(holds(20, 100, 0.2)).watermark(at(200));
      assertThat(ip.signals()).singleElement().extracting(Signal::subject).isEqualTo("10.0.0.1");
    }
  }

  @Test
  void shouldSetAsideAHoldThatArrivesBehindTheWatermark() throws Exception {
    try (RuleHarness rule = new RuleHarness(PER_DEVICE)) {
      rule.send(holds(4, 0, 1)).watermark(at(5)).send(hold("late", 4.5).device("bot"));
      rule.watermark(at(60));

      assertThat(rule.signals()).isEmpty();
      assertThat(rule.late()).extracting(e -> e.event().eventId()).containsExactly("late");
    }
  }

  @Test
  void shouldLeaveNoStateOnceTheWindowHasPassed() throws Exception {
    try (RuleHarness rule = new RuleHarness(PER_DEVICE)) {
      rule.send(holds(12, 0, 0.5)).send(holds(3, 30, 1));
      assertThat(rule.keyedStateEntries()).isPositive();

      rule.watermark(at(60));

      assertThat(rule.keyedStateEntries()).isZero();
      assertThat(rule.eventTimeTimers()).isZero();
    }
  }
}
