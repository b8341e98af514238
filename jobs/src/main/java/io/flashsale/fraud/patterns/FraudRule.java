package io.flashsale.fraud.patterns;

import io.flashsale.events.CartEvent;
import io.flashsale.events.FraudPattern;
import io.flashsale.events.SubjectType;
import java.io.Serializable;
import java.util.List;

/**
 * One fraud rule: which events it looks at, how it groups them, and what a match says about whom.
 * How it matches within a group is either a count of distinct values ({@link BurstRule}) or a CEP
 * pattern ({@link PatternRule}). The job runs each rule as its own keyed operator; a match becomes
 * a signal for the risk score of its subject.
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
}
