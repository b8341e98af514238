package io.flashsale.fraud.patterns;

import static io.flashsale.fraud.Carts.at;
import static io.flashsale.fraud.Carts.checkout;
import static io.flashsale.fraud.Carts.hold;
import static io.flashsale.fraud.Carts.release;
import static org.assertj.core.api.Assertions.assertThat;

import io.flashsale.events.FraudPattern;
import io.flashsale.events.SubjectType;
import io.flashsale.fraud.RuleHarness;
import io.flashsale.fraud.scoring.Signal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FastCheckoutTest {

  private static final FastCheckout RULE = new FastCheckout(Duration.ofSeconds(3), 75);

  @Test
  void shouldFlagTheCustomerOfACheckoutFasterAfterItsHoldThanAPersonCanManage() throws Exception {
    try (RuleHarness rule = new RuleHarness(RULE)) {
      rule.send(
              hold("h", 0).holdId("line-1").customer("ann").device("phone"),
              checkout("c", 1.2).holdId("line-1").customer("ann").device("phone"))
          .watermark(at(10));

      Signal signal = rule.signals().get(0);
      assertThat(rule.signals()).hasSize(1);
      assertThat(signal.pattern()).isEqualTo(FraudPattern.BOT_VELOCITY);
      assertThat(signal.subjectType()).isEqualTo(SubjectType.CUSTOMER);
      assertThat(signal.subject()).isEqualTo("ann");
      assertThat(signal.evidenceEventIds()).containsExactly("h", "c");
      assertThat(signal.deviceId()).isEqualTo("phone");
      assertThat(signal.weight()).isEqualTo(75);
    }
  }

  @Test
  void shouldNotFlagACheckoutAtHumanSpeedOrAfterTheHoldWasReleasedAndTakenAgain() throws Exception {
    try (RuleHarness rule = new RuleHarness(RULE)) {
      rule.send(
              hold("h1", 0).holdId("line-1"),
              checkout("c1", 3).holdId("line-1"),
              hold("h2", 10).holdId("line-2"),
              release("r2", 10.5).holdId("line-2"),
              checkout("c2", 11).holdId("line-2"),
              checkout("c3", 20).holdId("never-held"))
          .watermark(at(60));

      assertThat(rule.signals()).isEmpty();
    }
  }

  @Test
  void shouldLeaveNoStateForHoldsThatWereNeverCheckedOut() throws Exception {
    try (RuleHarness rule = new RuleHarness(RULE)) {
      rule.send(
          hold("h1", 0).holdId("a"), hold("h2", 1).holdId("b"), checkout("c", 1.5).holdId("b"));

      rule.watermark(at(10));

      assertThat(rule.signals()).hasSize(1);
      assertThat(rule.keyedStateEntries()).isZero();
      assertThat(rule.eventTimeTimers()).isZero();
    }
  }
}
