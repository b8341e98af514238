package io.flashsale.fraud.patterns;

import io.flashsale.events.CartEvent;
import io.flashsale.events.CartEventType;
import io.flashsale.events.FraudPattern;
import io.flashsale.events.SubjectType;
import java.time.Duration;
import java.util.List;

/**
 * PAYMENT_VELOCITY: one payment fingerprint (a card, a wallet) paying checkouts of {@code
 * customers} different customers within {@code window}: stolen cards tried across accounts, or one
 * buyer spreading purchases over accounts to beat per-customer limits.
 */
public record PaymentVelocity(int customers, Duration window, int weight) implements BurstRule {

  public PaymentVelocity {
    Bursts.check("payment-velocity", customers, window, weight);
  }

  @Override
  public String name() {
    return "payment-velocity";
  }

  @Override
  public FraudPattern pattern() {
    return FraudPattern.PAYMENT_VELOCITY;
  }

  @Override
  public SubjectType subjectType() {
    return SubjectType.PAYMENT;
  }

  @Override
  public List<String> keys(CartEvent event) {
    boolean paid =
        event.type() == CartEventType.CHECKOUT_COMPLETED && event.paymentFingerprint() != null;
    return paid ? List.of(event.paymentFingerprint()) : List.of();
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
