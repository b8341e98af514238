package io.flashsale.fraud.functions;

import io.flashsale.events.CartEvent;
import io.flashsale.fraud.patterns.FraudRule;
import io.flashsale.fraud.patterns.RuleEvent;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** Hands a rule the events it looks at, once under each of their keys. */
public final class RuleKeys implements FlatMapFunction<CartEvent, RuleEvent> {

  private final FraudRule rule;

  public RuleKeys(FraudRule rule) {
    this.rule = rule;
  }

  @Override
  public void flatMap(CartEvent event, Collector<RuleEvent> out) {
    for (String key : rule.keys(event)) {
      out.collect(new RuleEvent(key, event));
    }
  }
}
