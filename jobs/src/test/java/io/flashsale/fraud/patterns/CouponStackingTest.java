package io.flashsale.fraud.patterns;

import static io.flashsale.fraud.Carts.at;
import static io.flashsale.fraud.Carts.checkout;
import static io.flashsale.fraud.Carts.hold;
import static org.assertj.core.api.Assertions.assertThat;

import io.flashsale.events.FraudPattern;
import io.flashsale.fraud.RuleHarness;
import io.flashsale.fraud.scoring.Signal;
import org.junit.jupiter.api.Test;

class CouponStackingTest {

  private static final CouponStacking RULE = new CouponStacking(1, 90);

  @Test
  void shouldFlagACheckoutWithMoreCodesThanTheSaleAllows() throws Exception {
    try (RuleHarness rule = new RuleHarness(RULE)) {
      rule.send(checkout("c", 0).customer("stacker").coupons("WELCOME10", "FLASH20", "VIP5"))
          .watermark(at(1));

      assertThat(rule.signals()).hasSize(1);
      Signal signal = rule.signals().get(0);
      assertThat(signal.pattern()).isEqualTo(FraudPattern.COUPON_STACKING);
      assertThat(signal.subject()).isEqualTo("stacker");
      assertThat(signal.evidenceEventIds()).containsExactly("c");
      assertThat(signal.couponCode()).as("three codes, not one").isNull();
    }
  }

  @Test
  void shouldNotFlagOneCodeTheSameCodeTwiceOrCodesOnAHold() throws Exception {
    try (RuleHarness rule = new RuleHarness(RULE)) {
      rule.send(
              checkout("c1", 0).coupons("FLASH20"),
              checkout("c2", 1).coupons("FLASH20", "FLASH20"),
              hold("h", 2).coupons("A", "B", "C"),
              checkout("c3", 3))
          .watermark(at(10));

      assertThat(rule.signals()).isEmpty();
      assertThat(rule.keyedStateEntries()).isZero();
      assertThat(rule.eventTimeTimers()).isZero();
    }
  }
}
