package io.flashsale.fraud.patterns;

import static io.flashsale.fraud.Carts.checkout;
import static io.flashsale.fraud.Carts.hold;
import static org.assertj.core.api.Assertions.assertThat;

import io.flashsale.events.SubjectType;
import io.flashsale.fraud.Carts;
import io.flashsale.fraud.RuleHarness;
import io.flashsale.fraud.scoring.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One key flooded inside a rule's window, as a bot would: 20,000 events, ten milliseconds apart.
 * The rule's state is no larger after 20,000 than after 2,000, and the flood still gives the rule's
 * signals.
 */
class OneKeyFloodTest {

  private static final int SHORT = 2_000;
  private static final int LONG = 20_000;
  private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

  /** Longer ids in a longer flood: "e19999" against "e1999". */
  private static final long SLACK_BYTES = 256;

  private static Instant at(int i) {
    return Carts.T0.plusMillis(10L * i);
  }

  /**
   * A flood of {@code event(i)}, which gives {@code signals} signals in 20,000 events; then {@code
   * finale}, which brings what the flood lacked and gives one more signal, ending with it.
   */
  private record Flood(
      String name,
      FraudRule rule,
      IntFunction<Carts> event,
      int signals,
      IntFunction<Carts[]> finale) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Carts[] fresh(int count, IntFunction<Carts> event) {
    return IntStream.range(0, count).mapToObj(event).toArray(Carts[]::new);
  }

  static Stream<Flood> floods() {
    HoldBurst device = new HoldBurst(SubjectType.DEVICE, 5, TEN_MINUTES, 90);
    SharedCoupon shared = new SharedCoupon(10, TEN_MINUTES, 90, Set.of());
    CouponEnumeration enumeration = new CouponEnumeration(5, TEN_MINUTES, 90);
    PaymentVelocity payment = new PaymentVelocity(3, TEN_MINUTES, 90);
    AddressReuse address = new AddressReuse(4, TEN_MINUTES, 85);
    return Stream.of(
        new Flood(
            "hold-burst: new holds from one device",
            device,
            i -> hold("e" + i, at(i)).device("bot"),
            LONG / 5,
            end -> fresh(5, j -> hold("n" + j, at(end)).device("bot"))),
        new Flood(
            "hold-burst: one hold sent again and again",
            device,
            i -> hold("e0", at(i)).device("bot"),
            0,
            end -> fresh(4, j -> hold("n" + j, at(end)).device("bot"))),
        new Flood(
            "fast-checkout: holds on one line",
            new FastCheckout(Duration.ofSeconds(3), 75),
            i -> hold("e" + i, at(i)).holdId("line"),
            0,
            end -> new Carts[] {checkout("n0", at(end)).holdId("line")}),
        new Flood(
            "coupon-stacking: stacked checkouts of one customer",
            new CouponStacking(1, 90),
            i -> checkout("e" + i, at(i)).customer("bot").coupons("A", "B"),
            LONG,
            end -> new Carts[] {checkout("n0", at(end)).customer("bot").coupons("C", "D")}),
        new Flood(
            "shared-coupon: one customer using one code",
            shared,
            i -> hold("e" + i, at(i)).customer("bot").coupons("LEAK"),
            0,
            end -> fresh(9, j -> hold("n" + j, at(end)).customer("c" + j).coupons("LEAK"))),
        new Flood(
            "shared-coupon: new customers using one code",
            shared,
            i -> hold("e" + i, at(i)).customer("c" + i).coupons("LEAK"),
            LONG / 10,
            end -> fresh(10, j -> hold("n" + j, at(end)).customer("n" + j).coupons("LEAK"))),
        new Flood(
            "coupon-enumeration: one customer trying one code",
            enumeration,
            i -> hold("e" + i, at(i)).customer("bot").coupons("SAME"),
            0,
            end -> fresh(4, j -> hold("n" + j, at(end)).customer("bot").coupons("NEW" + j))),
        new Flood(
            "coupon-enumeration: one customer trying new codes",
            enumeration,
            i -> hold("e" + i, at(i)).customer("bot").coupons("C" + i),
            LONG / 5,
            end -> fresh(5, j -> hold("n" + j, at(end)).customer("bot").coupons("N" + j))),
        new Flood(
            "payment-velocity: one customer paying with one card",
            payment,
            i -> checkout("e" + i, at(i)).customer("bot").payment("card"),
            0,
            end -> fresh(2, j -> checkout("n" + j, at(end)).customer("c" + j).payment("card"))),
        new Flood(
            "address-reuse: one customer shipping to one address",
            address,
            i -> checkout("e" + i, at(i)).customer("bot").address("addr"),
            0,
            end -> fresh(3, j -> checkout("n" + j, at(end)).customer("c" + j).address("addr"))));
  }

  /** Sends events {@code from} to {@code to} with the watermark following them; the state after. */
  private static long flood(RuleHarness rule, Flood flood, int from, int to) throws Exception {
    for (int i = from; i < to; i++) {
      rule.send(flood.event().apply(i));
      if (i % 10 == 9) {
        rule.watermark(at(i));
      }
    }
    return rule.stateBytes();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("floods")
  void shouldKeepTheStateOfAFloodedKeyTheSameSizeHoweverLongTheFlood(Flood flood) throws Exception {
    try (RuleHarness rule = new RuleHarness(flood.rule())) {
      long afterShort = flood(rule, flood, 0, SHORT);
      long afterLong = flood(rule, flood, SHORT, LONG);

      assertThat(afterLong).isLessThanOrEqualTo(afterShort + SLACK_BYTES);
      assertThat(rule.signals()).hasSize(flood.signals());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("floods")
  void shouldStillSignalWhatComesAfterAFlood(Flood flood) throws Exception {
    try (RuleHarness rule = new RuleHarness(flood.rule())) {
      flood(rule, flood, 0, LONG);
      Carts[] finale = flood.finale().apply(LONG);
      rule.send(finale).watermark(at(LONG).plus(TEN_MINUTES));

      assertThat(rule.signals()).hasSize(flood.signals() + 1);
      Signal last = rule.signals().get(rule.signals().size() - 1);
      assertThat(last.evidenceEventIds())
          .endsWith(Stream.of(finale).map(c -> c.build().eventId()).toArray(String[]::new));
      assertThat(rule.keyedStateEntries()).isZero();
      assertThat(rule.eventTimeTimers()).isZero();
    }
  }
}
