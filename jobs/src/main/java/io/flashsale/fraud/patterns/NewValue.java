package io.flashsale.fraud.patterns;

import java.util.HashSet;
import java.util.Set;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;

/**
 * Accepts an event that brings a value (customer, code, eventId) that the events already in this
 * partial match do not have.
 */
final class NewValue extends IterativeCondition<RuleEvent> {

  private final String patternName;
  private final Distinct distinct;

  NewValue(String patternName, Distinct distinct) {
    this.patternName = patternName;
    this.distinct = distinct;
  }

  @Override
  public boolean filter(RuleEvent candidate, Context<RuleEvent> context) throws Exception {
    Set<String> seen = new HashSet<>();
    for (RuleEvent earlier : context.getEventsForPattern(patternName)) {
      seen.addAll(distinct.of(earlier.event()));
    }
    return distinct.of(candidate.event()).stream().anyMatch(value -> !seen.contains(value));
  }
}
