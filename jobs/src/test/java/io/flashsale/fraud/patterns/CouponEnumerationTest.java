package io.flashsale.fraud.patterns;

import static io.flashsale.fraud.Carts.at;
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

class CouponEnumerationTest {

  private static final CouponEnumeration RULE =
      new CouponEnumeration(5, Duration.ofMinutes(10), 90);

  private static Carts[] tries(String customer, int count, String codePrefix) {
    return IntStream.range(0, count)
        .mapToObj(
            i ->
                hold(customer + i, i * 20)
                    .customer(customer)
                    .coupons(codePrefix + (char) ('A' + i)))
        .toArray(Carts[]::new);
  }

  @Test
  void shouldFlagACustomerTryingFiveDifferentCodes() throws Exception {
    try (RuleHarness rule = new RuleHarness(RULE)) {
      rule.send(tries("guesser", 5, "SAVE-")).watermark(at(700));

      assertThat(rule.signals()).hasSize(1);
      Signal signal = rule.signals().get(0);
      assertThat(signal.pattern()).isEqualTo(FraudPattern.COUPON_ABUSE);
      assertThat(signal.subjectType()).isEqualTo(SubjectType.CUSTOMER);
      assertThat(signal.subject()).isEqualTo("guesser");
      assertThat(signal.evidenceEventIds()).hasSize(5);
    }
  }

  @Test
  void shouldNotFlagOneCodeUsedOftenOrFourCodesOrCodesSpreadOverMoreThanTheWindow()
      throws Exception {
    try (RuleHarness rule = new RuleHarness(RULE)) {
      rule.send(
              IntStream.range(0, 8)
                  .mapToObj(i -> hold("loyal" + i, i).customer("loyal").coupons("FLASH20"))
                  .toArray(Carts[]::new))
          .send(tries("undecided", 4, "SAVE-"))
          .send(
              IntStream.range(0, 5)
                  .mapToObj(i -> hold("slow" + i, 1000 + i * 180).customer("slow").coupons("S" + i))
                  .toArray(Carts[]::new))
          .watermark(at(3000));

      assertThat(rule.signals()).isEmpty();
      assertThat(rule.keyedStateEntries()).isZero();
      assertThat(rule.eventTimeTimers()).isZero();
    }
  }
}
