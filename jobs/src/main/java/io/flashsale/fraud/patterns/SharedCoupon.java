package io.flashsale.fraud.patterns;

import io.flashsale.events.CartEvent;
import io.flashsale.events.FraudPattern;
import io.flashsale.events.SubjectType;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * COUPON_ABUSE: one coupon code used by {@code customers} different customers within {@code
 * window}: a personal or single-use code that leaked. Public codes (a sale's own code) are expected
 * to be shared and are listed in {@code publicCodes}, which this rule ignores.
 */
public record SharedCoupon(int customers, Duration window, int weight, Set<String> publicCodes)
    implements BurstRule {

  public SharedCoupon {
    Bursts.check("shared-coupon", customers, window, weight);
    publicCodes = Set.copyOf(publicCodes);
  }

  @Override
  public String name() {
    return "shared-coupon";
  }

  @Override
  public FraudPattern pattern() {
    return FraudPattern.COUPON_ABUSE;
  }

  @Override
  public SubjectType subjectType() {
    return SubjectType.COUPON;
  }

  @Override
  public List<String> keys(CartEvent event) {
    if (event.couponCodes() == null) {
      return List.of();
    }
    return event.couponCodes().stream()
        .distinct()
        .filter(code -> !publicCodes.contains(code))
        .toList();
  }

  @Override
  public Distinct distinct() {
    return Distinct.CUSTOMERS;
  }

  @Override
  public int count() {
    return customers;
  }
}
