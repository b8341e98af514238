package io.flashsale.fraud.patterns;

import io.flashsale.events.CartEvent;
import io.flashsale.events.CartEventType;
import io.flashsale.events.FraudPattern;
import io.flashsale.events.SubjectType;
import java.time.Duration;
import java.util.List;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/**
 * BOT_VELOCITY: a checkout that follows its own hold sooner than {@code within}, faster than a
 * person can review a cart and pay. Matched per hold; the subject is the customer who checked out.
 */
public record FastCheckout(Duration within, int weight) implements PatternRule {

  public FastCheckout {
    Bursts.checkWindow("fast-checkout", within);
    Bursts.checkWeight("fast-checkout", weight);
  }

  @Override
  public String name() {
    return "fast-checkout";
  }

  @Override
  public FraudPattern pattern() {
    return FraudPattern.BOT_VELOCITY;
  }

  @Override
  public SubjectType subjectType() {
    return SubjectType.CUSTOMER;
  }

  @Override
  public List<String> keys(CartEvent event) {
    // Releases too: a hold released and taken again is not the hold the checkout follows.
    return List.of(event.holdId());
  }

  @Override
  public Pattern<RuleEvent, ?> cepPattern() {
    // "next": the checkout must come right after the hold, with no release between them.
    return Pattern.<RuleEvent>begin("hold", AfterMatchSkipStrategy.skipPastLastEvent())
        .where(SimpleCondition.of(e -> e.event().type() == CartEventType.HOLD_REQUESTED))
        .next("checkout")
        .where(SimpleCondition.of(e -> e.event().type() == CartEventType.CHECKOUT_COMPLETED))
        .within(within);
  }

  @Override
  public String subject(List<RuleEvent> match) {
    return match.get(match.size() - 1).event().customerId();
  }
}
