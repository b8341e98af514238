package io.flashsale.fraud.patterns;

import io.flashsale.events.CartEvent;
import io.flashsale.events.CartEventType;
import io.flashsale.events.FraudPattern;
import io.flashsale.events.SubjectType;
import java.util.HashSet;
import java.util.List;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/**
 * COUPON_STACKING: a completed checkout that combines more distinct coupon codes than {@code
 * maxCodes}, the most a sale allows on one order. The storefront should have refused it, so it is
 * either an exploit or a bug worth a look.
 */
public record CouponStacking(int maxCodes, int weight) implements PatternRule {

  public CouponStacking {
    if (maxCodes < 1) {
      throw new IllegalArgumentException("coupon-stacking: at least one code must be allowed");
    }
    Bursts.checkWeight("coupon-stacking", weight);
  }

  @Override
  public String name() {
    return "coupon-stacking";
  }

  @Override
  public FraudPattern pattern() {
    return FraudPattern.COUPON_STACKING;
  }

  @Override
  public SubjectType subjectType() {
    return SubjectType.CUSTOMER;
  }

  @Override
  public List<String> keys(CartEvent event) {
    boolean checkoutWithCodes =
        event.type() == CartEventType.CHECKOUT_COMPLETED
            && event.couponCodes() != null
            && !event.couponCodes().isEmpty();
    return checkoutWithCodes ? List.of(event.customerId()) : List.of();
  }

  @Override
  public Pattern<RuleEvent, ?> cepPattern() {
    int allowed = maxCodes;
    return Pattern.<RuleEvent>begin("checkout", AfterMatchSkipStrategy.skipPastLastEvent())
        .where(SimpleCondition.of(e -> new HashSet<>(e.event().couponCodes()).size() > allowed));
  }
}
