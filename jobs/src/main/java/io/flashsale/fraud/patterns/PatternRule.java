package io.flashsale.fraud.patterns;

import java.util.List;
import org.apache.flink.cep.pattern.Pattern;

/** A rule that looks for a shape of events, matched by Flink CEP over the events of one key. */
public interface PatternRule extends FraudRule {

  /** The CEP pattern over the events of one key, in event-time order. */
  Pattern<RuleEvent, ?> cepPattern();

  /** Who a match is about: the key it matched under, unless the rule says otherwise. */
  default String subject(List<RuleEvent> match) {
    return match.get(0).key();
  }
}
