package io.flashsale.fraud.patterns;

import io.flashsale.events.CartEvent;
import io.flashsale.events.CartEventType;
import io.flashsale.events.FraudPattern;
import io.flashsale.events.SubjectType;
import java.time.Duration;
import java.util.List;

/**
 * ADDRESS_REUSE: one shipping address receiving checkouts of {@code accounts} different customer
 * accounts within {@code window}: one buyer behind many accounts, the usual way around a sale's
 * per-customer limit. A household has a few accounts, so the count sits above that.
 */
public record AddressReuse(int accounts, Duration window, int weight) implements BurstRule {

  public AddressReuse {
    Bursts.check("address-reuse", accounts, window, weight);
  }

  @Override
  public String name() {
    return "address-reuse";
  }

  @Override
  public FraudPattern pattern() {
    return FraudPattern.ADDRESS_REUSE;
  }

  @Override
  public SubjectType subjectType() {
    return SubjectType.ADDRESS;
  }

  @Override
  public List<String> keys(CartEvent event) {
    boolean shipped =
        event.type() == CartEventType.CHECKOUT_COMPLETED && event.shippingAddressHash() != null;
    return shipped ? List.of(event.shippingAddressHash()) : List.of();
  }

  @Override
  public Distinct distinct() {
    return Distinct.CUSTOMERS;
  }

  @Override
  public int count() {
    return accounts;
  }
}
