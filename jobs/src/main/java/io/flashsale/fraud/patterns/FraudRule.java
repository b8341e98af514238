package io.flashsale.fraud.patterns;

import io.flashsale.events.CartEvent;
import io.flashsale.events.FraudPattern;
import io.flashsale.events.SubjectType;
import java.io.Serializable;
import java.util.List;
import org.apache.flink.cep.pattern.Pattern;

/**
 * One fraud rule: which events it looks at, how it groups them, the CEP pattern that matches
 * suspicious behaviour within a group, and what a match says about whom. The job runs each rule as
 * its own keyed CEP operator; a match becomes a signal for the risk score of its subject.
 */
public interface FraudRule extends Serializable {

  /** A stable name, part of operator uids: renaming a rule drops its state from a savepoint. */
  String name();

  /** The contract's pattern that alerts from this rule carry. */
  FraudPattern pattern();

  /** The kind of subject a match is about. */
  SubjectType subjectType();

  /** What a match adds to its subject's risk, 1-100 (combined as {@code RiskScore} describes). */
  int weight();

  /** The keys under which {@code event} takes part in this rule: none when it plays no part. */
  List<String> keys(CartEvent event);

  /** The CEP pattern over the events of one key, in event-time order. */
  Pattern<RuleEvent, ?> cepPattern();

  /** Who a match is about: the key it matched under, unless the rule says otherwise. */
  default String subject(List<RuleEvent> match) {
    return match.get(0).key();
  }
}
