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
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The rules that count different customers behind one coupon, payment or address. */
class DistinctCustomerRulesTest {

  private static final Duration WINDOW = Duration.ofMinutes(10);

  /** {@code count} checkouts, one every 10 s, the i-th by the customer {@code customer(i)}. */
  private static Carts[] checkouts(
      int count, BiFunction<Integer, Carts, Carts> shape, String customerPrefix) {
    return IntStream.range(0, count)
        .mapToObj(i -> shape.apply(i, checkout("c" + i, i * 10).customer(customerPrefix + i)))
        .toArray(Carts[]::new);
  }

  private static Carts[] sameCustomer(int count, BiFunction<Integer, Carts, Carts> shape) {
    return IntStream.range(0, count)
        .mapToObj(i -> shape.apply(i, checkout("s" + i, i * 10).customer("regular")))
        .toArray(Carts[]::new);
  }

  @Nested
  class SharedCouponRule {

    private final SharedCoupon rule = new SharedCoupon(10, WINDOW, 90, Set.of("FLASH20"));

    @Test
    void shouldFlagACodeUsedByTenCustomers() throws Exception {
      try (RuleHarness harness = new RuleHarness(rule)) {
        harness.send(checkouts(10, (i, c) -> c.coupons("VIP-7Q2"), "buyer")).watermark(at(1000));

        Signal signal = harness.signals().get(0);
        assertThat(harness.signals()).hasSize(1);
        assertThat(signal.pattern()).isEqualTo(FraudPattern.COUPON_ABUSE);
        assertThat(signal.subjectType()).isEqualTo(SubjectType.COUPON);
        assertThat(signal.subject()).isEqualTo("VIP-7Q2");
        assertThat(signal.couponCode()).isEqualTo("VIP-7Q2");
      }
    }

    @Test
    void shouldNotFlagNineCustomersOneCustomerOftenOrAPublicCode() throws Exception {
      try (RuleHarness harness = new RuleHarness(rule)) {
        harness
            .send(checkouts(9, (i, c) -> c.coupons("VIP-7Q2"), "buyer"))
            .send(sameCustomer(12, (i, c) -> c.coupons("LOYAL-1")))
            .send(checkouts(30, (i, c) -> c.coupons("FLASH20"), "fan"))
            .watermark(at(2000));

        assertThat(harness.signals()).isEmpty();
        assertThat(harness.keyedStateEntries()).isZero();
        assertThat(harness.eventTimeTimers()).isZero();
      }
    }

    @Test
    void shouldCountTheCustomersOfEachCodeOfAnEvent() throws Exception {
      try (RuleHarness harness = new RuleHarness(rule)) {
        harness.send(
            IntStream.range(0, 10)
                .mapToObj(i -> hold("h" + i, i).customer("buyer" + i).coupons("LEAK-A", "LEAK-B"))
                .toArray(Carts[]::new));
        harness.watermark(at(1000));

        assertThat(harness.signals())
            .extracting(Signal::subject)
            .containsExactlyInAnyOrder("LEAK-A", "LEAK-B");
      }
    }
  }

  @Nested
  class PaymentVelocityRule {

    private final PaymentVelocity rule = new PaymentVelocity(3, WINDOW, 90);

    @Test
    void shouldFlagOnePaymentFingerprintAcrossThreeCustomers() throws Exception {
      try (RuleHarness harness = new RuleHarness(rule)) {
        harness.send(checkouts(3, (i, c) -> c.payment("card-1"), "mule")).watermark(at(1000));

        assertThat(harness.signals()).hasSize(1);
        assertThat(harness.signals().get(0))
            .extracting(Signal::pattern, Signal::subjectType, Signal::subject)
            .containsExactly(FraudPattern.PAYMENT_VELOCITY, SubjectType.PAYMENT, "card-1");
      }
    }

    @Test
    void shouldNotFlagACardOfTwoCustomersOrOneCustomersManyOrders() throws Exception {
      try (RuleHarness harness = new RuleHarness(rule)) {
        harness
            .send(checkouts(2, (i, c) -> c.payment("family-card"), "parent"))
            .send(sameCustomer(10, (i, c) -> c.payment("own-card")))
            .send(
                hold("h", 0).customer("x").payment("card-on-hold"),
                hold("h2", 1).customer("y").payment("card-on-hold"),
                hold("h3", 2).customer("z").payment("card-on-hold"))
            .watermark(at(2000));

        assertThat(harness.signals()).isEmpty();
        assertThat(harness.keyedStateEntries()).isZero();
        assertThat(harness.eventTimeTimers()).isZero();
      }
    }
  }

  @Nested
  class AddressReuseRule {

    private final AddressReuse rule = new AddressReuse(4, WINDOW, 85);

    @Test
    void shouldFlagOneAddressShippingToFourAccounts() throws Exception {
      try (RuleHarness harness = new RuleHarness(rule)) {
        harness.send(checkouts(4, (i, c) -> c.address("addr-9"), "alias")).watermark(at(1000));

        assertThat(harness.signals()).hasSize(1);
        assertThat(harness.signals().get(0))
            .extracting(Signal::pattern, Signal::subjectType, Signal::subject, Signal::weight)
            .containsExactly(FraudPattern.ADDRESS_REUSE, SubjectType.ADDRESS, "addr-9", 85);
      }
    }

    @Test
    void shouldNotFlagAHouseholdOfThreeAccounts() throws Exception {
      try (RuleHarness harness = new RuleHarness(rule)) {
        harness
            .send(checkouts(3, (i, c) -> c.address("home"), "family"))
            .send(checkouts(3, (i, c) -> c.address("home"), "family"))
            .watermark(at(2000));

        assertThat(harness.signals()).isEmpty();
        assertThat(harness.keyedStateEntries()).isZero();
        assertThat(harness.eventTimeTimers()).isZero();
      }
    }
  }
}
