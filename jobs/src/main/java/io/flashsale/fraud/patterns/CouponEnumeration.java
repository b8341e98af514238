package io.flashsale.fraud.patterns;

import io.flashsale.events.CartEvent;
import io.flashsale.events.FraudPattern;
import io.flashsale.events.SubjectType;
import java.time.Duration;
import java.util.List;

/**
 * COUPON_ABUSE: one customer trying {@code codes} different coupon codes within {@code window}:
 * guessing codes until one works. Each counted event must bring a code the earlier ones did not.
 */
public record CouponEnumeration(int codes, Duration window, int weight) implements BurstRule {

  public CouponEnumeration {
    Bursts.check("coupon-enumeration", codes, window, weight);
  }

  @Override
  public String name() {
    return "coupon-enumeration";
  }

  @Override
  public FraudPattern pattern() {
    return FraudPattern.COUPON_ABUSE;
  }

  @Override
  public SubjectType subjectType() {
    return SubjectType.CUSTOMER;
  }

  @Override
  public List<String> keys(CartEvent event) {
    boolean hasCodes = event.couponCodes() != null && !event.couponCodes().isEmpty();
    return hasCodes ? List.of(event.customerId()) : List.of();
  }

  @Override
  public Distinct distinct() {
    return Distinct.COUPON_CODES;
  }

  @Override
  public int count() {
    return codes;
  }
}
