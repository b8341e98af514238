package io.flashsale.fraud;

import static org.apache.flink.configuration.ConfigOptions.key;

import io.flashsale.events.SubjectType;
import io.flashsale.fraud.patterns.AddressReuse;
import io.flashsale.fraud.patterns.CouponEnumeration;
import io.flashsale.fraud.patterns.CouponStacking;
import io.flashsale.fraud.patterns.FastCheckout;
import io.flashsale.fraud.patterns.FraudRule;
import io.flashsale.fraud.patterns.HoldBurst;
import io.flashsale.fraud.patterns.PaymentVelocity;
import io.flashsale.fraud.patterns.SharedCoupon;
import io.flashsale.fraud.scoring.ScoringPolicy;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The fraud job's settings: its consumer group, when a score becomes an alert, and each rule's
 * window, count and weight. A weight is what a match of the rule adds to its subject's risk score
 * (README, "Fraud scoring"); weights at or above the sale threshold flag a subject even during a
 * sale, lower ones only outside sales or together with other rules.
 */
public final class FraudOptions {

  public static final ConfigOption<String> GROUP_ID =
      key("fraud.group-id")
          .stringType()
          .defaultValue("flashsale-fraud")
          .withDescription("Kafka consumer group and transactional id prefix of the fraud job.");

  // ---- scoring ----

  public static final ConfigOption<Integer> THRESHOLD =
      key("fraud.threshold")
          .intType()
          .defaultValue(70)
          .withDescription("Risk score (1-100) at or above which a subject is flagged.");

  public static final ConfigOption<Integer> SALE_THRESHOLD =
      key("fraud.sale-threshold")
          .intType()
          .defaultValue(85)
          .withDescription(
              "The threshold while a flash sale is in effect for the event that raised the score:"
                  + " shoppers are fast and eager then, so it takes more to flag one.");

  public static final ConfigOption<Duration> SCORE_HORIZON =
      key("fraud.score-horizon")
          .durationType()
          .defaultValue(Duration.ofMinutes(10))
          .withDescription(
              "How long after its last event a rule's match still counts towards its subject's"
                  + " score; a subject's state is cleared once its last match is this old.");

  // ---- BOT_VELOCITY ----

  public static final ConfigOption<Integer> HOLD_BURST_DEVICE_HOLDS =
      key("fraud.hold-burst.device.holds")
          .intType()
          .defaultValue(5)
          .withDescription("Hold requests from one device within the window that make a burst.");

  public static final ConfigOption<Duration> HOLD_BURST_DEVICE_WINDOW =
      key("fraud.hold-burst.device.window")
          .durationType()
          .defaultValue(Duration.ofSeconds(10))
          .withDescription("First to last of those holds is shorter than this.");

  public static final ConfigOption<Integer> HOLD_BURST_DEVICE_WEIGHT =
      key("fraud.hold-burst.device.weight")
          .intType()
          .defaultValue(90)
          .withDescription("No person adds five lines to carts in ten seconds from one device.");

  public static final ConfigOption<Integer> HOLD_BURST_IP_HOLDS =
      key("fraud.hold-burst.ip.holds")
          .intType()
          .defaultValue(20)
          .withDescription(
              "Hold requests from one IP within the window that make a burst: higher than per"
                  + " device, since a carrier or office NAT puts many shoppers behind one IP.");

  public static final ConfigOption<Duration> HOLD_BURST_IP_WINDOW =
      key("fraud.hold-burst.ip.window")
          .durationType()
          .defaultValue(Duration.ofSeconds(10))
          .withDescription("First to last of those holds is shorter than this.");

  public static final ConfigOption<Integer> HOLD_BURST_IP_WEIGHT =
      key("fraud.hold-burst.ip.weight")
          .intType()
          .defaultValue(80)
          .withDescription("Below the sale threshold: shared IPs are busy during a sale.");

  public static final ConfigOption<Duration> FAST_CHECKOUT_WITHIN =
      key("fraud.fast-checkout.within")
          .durationType()
          .defaultValue(Duration.ofSeconds(3))
          .withDescription(
              "A checkout sooner than this after its own hold is faster than a person.");

  public static final ConfigOption<Integer> FAST_CHECKOUT_WEIGHT =
      key("fraud.fast-checkout.weight")
          .intType()
          .defaultValue(75)
          .withDescription(
              "Between the two thresholds: one fast checkout flags a customer outside a sale,"
                  + " not during one, where one-click shoppers are fast too.");

  // ---- COUPON_ABUSE ----

  public static final ConfigOption<Integer> SHARED_COUPON_CUSTOMERS =
      key("fraud.shared-coupon.customers")
          .intType()
          .defaultValue(10)
          .withDescription("Different customers using one coupon code within the window.");

  public static final ConfigOption<Duration> SHARED_COUPON_WINDOW =
      key("fraud.shared-coupon.window")
          .durationType()
          .defaultValue(Duration.ofMinutes(10))
          .withDescription("First to last of those uses is shorter than this.");

  public static final ConfigOption<Integer> SHARED_COUPON_WEIGHT =
      key("fraud.shared-coupon.weight")
          .intType()
          .defaultValue(90)
          .withDescription("A personal or single-use code in ten hands has leaked.");

  public static final ConfigOption<List<String>> SHARED_COUPON_PUBLIC_CODES =
      key("fraud.shared-coupon.public-codes")
          .stringType()
          .asList()
          .defaultValues()
          .withDescription(
              "Codes meant for everyone (a sale's own code), separated by ';': never counted as"
                  + " shared.");

  public static final ConfigOption<Integer> COUPON_ENUMERATION_CODES =
      key("fraud.coupon-enumeration.codes")
          .intType()
          .defaultValue(5)
          .withDescription("Different coupon codes one customer tries within the window.");

  public static final ConfigOption<Duration> COUPON_ENUMERATION_WINDOW =
      key("fraud.coupon-enumeration.window")
          .durationType()
          .defaultValue(Duration.ofMinutes(10))
          .withDescription("First to last of those tries is shorter than this.");

  public static final ConfigOption<Integer> COUPON_ENUMERATION_WEIGHT =
      key("fraud.coupon-enumeration.weight")
          .intType()
          .defaultValue(90)
          .withDescription("Guessing codes is abuse whether a sale runs or not.");

  // ---- COUPON_STACKING ----

  public static final ConfigOption<Integer> COUPON_STACKING_MAX_CODES =
      key("fraud.coupon-stacking.max-codes")
          .intType()
          .defaultValue(1)
          .withDescription("The most distinct coupon codes a sale allows on one checkout.");

  public static final ConfigOption<Integer> COUPON_STACKING_WEIGHT =
      key("fraud.coupon-stacking.weight")
          .intType()
          .defaultValue(90)
          .withDescription("The storefront should have refused the checkout: an exploit or a bug.");

  // ---- PAYMENT_VELOCITY ----

  public static final ConfigOption<Integer> PAYMENT_VELOCITY_CUSTOMERS =
      key("fraud.payment-velocity.customers")
          .intType()
          .defaultValue(3)
          .withDescription(
              "Different customers paying with one payment fingerprint in the window.");

  public static final ConfigOption<Duration> PAYMENT_VELOCITY_WINDOW =
      key("fraud.payment-velocity.window")
          .durationType()
          .defaultValue(Duration.ofHours(1))
          .withDescription("First to last of those checkouts is shorter than this.");

  public static final ConfigOption<Integer> PAYMENT_VELOCITY_WEIGHT =
      key("fraud.payment-velocity.weight")
          .intType()
          .defaultValue(90)
          .withDescription("A family shares a card between two; three is a ring or a stolen card.");

  // ---- ADDRESS_REUSE ----

  public static final ConfigOption<Integer> ADDRESS_REUSE_ACCOUNTS =
      key("fraud.address-reuse.accounts")
          .intType()
          .defaultValue(4)
          .withDescription(
              "Different customer accounts shipping to one address in the window; a household"
                  + " has a few.");

  public static final ConfigOption<Duration> ADDRESS_REUSE_WINDOW =
      key("fraud.address-reuse.window")
          .durationType()
          .defaultValue(Duration.ofHours(1))
          .withDescription("First to last of those checkouts is shorter than this.");

  public static final ConfigOption<Integer> ADDRESS_REUSE_WEIGHT =
      key("fraud.address-reuse.weight")
          .intType()
          .defaultValue(85)
          .withDescription(
              "At the sale threshold: accounts multiplied to beat a sale's per-customer limit are"
                  + " what a sale attracts.");

  private FraudOptions() {}

  /** Every rule the job runs, with its configured parameters. */
  public static List<FraudRule> rules(ReadableConfig config) {
    return List.of(
        new HoldBurst(
            SubjectType.DEVICE,
            config.get(HOLD_BURST_DEVICE_HOLDS),
            config.get(HOLD_BURST_DEVICE_WINDOW),
            config.get(HOLD_BURST_DEVICE_WEIGHT)),
        new HoldBurst(
            SubjectType.IP,
            config.get(HOLD_BURST_IP_HOLDS),
            config.get(HOLD_BURST_IP_WINDOW),
            config.get(HOLD_BURST_IP_WEIGHT)),
        new FastCheckout(config.get(FAST_CHECKOUT_WITHIN), config.get(FAST_CHECKOUT_WEIGHT)),
        new SharedCoupon(
            config.get(SHARED_COUPON_CUSTOMERS),
            config.get(SHARED_COUPON_WINDOW),
            config.get(SHARED_COUPON_WEIGHT),
            new HashSet<>(config.get(SHARED_COUPON_PUBLIC_CODES))),
        new CouponEnumeration(
            config.get(COUPON_ENUMERATION_CODES),
            config.get(COUPON_ENUMERATION_WINDOW),
            config.get(COUPON_ENUMERATION_WEIGHT)),
        new CouponStacking(
            config.get(COUPON_STACKING_MAX_CODES), config.get(COUPON_STACKING_WEIGHT)),
        new PaymentVelocity(
            config.get(PAYMENT_VELOCITY_CUSTOMERS),
            config.get(PAYMENT_VELOCITY_WINDOW),
            config.get(PAYMENT_VELOCITY_WEIGHT)),
        new AddressReuse(
            config.get(ADDRESS_REUSE_ACCOUNTS),
            config.get(ADDRESS_REUSE_WINDOW),
            config.get(ADDRESS_REUSE_WEIGHT)));
  }

  public static ScoringPolicy scoring(ReadableConfig config) {
    return new ScoringPolicy(
        config.get(THRESHOLD), config.get(SALE_THRESHOLD), config.get(SCORE_HORIZON));
  }
}
