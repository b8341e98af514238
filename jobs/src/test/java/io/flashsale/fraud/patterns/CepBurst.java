package io.flashsale.fraud.patterns;

import io.flashsale.events.CartEvent;
import io.flashsale.events.FraudPattern;
import io.flashsale.events.SubjectType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;

/**
 * A burst rule written as a Flink CEP pattern, the most direct statement of its meaning: {@code
 * count} events of one key, each bringing a value the events already in the match do not have,
 * first to last within the window, the next match after the last event of one. The reference that
 * the burst rules are checked against; its state grows with every repeated value, so the job does
 * not run it.
 */
public record CepBurst(BurstRule rule) implements PatternRule {

  private static final String STAGE = "burst";

  @Override
  public String name() {
    return rule.name();
  }

  @Override
  public FraudPattern pattern() {
    return rule.pattern();
  }

  @Override
  public SubjectType subjectType() {
    return rule.subjectType();
  }

  @Override
  public int weight() {
    return rule.weight();
  }

  @Override
  public List<String> keys(CartEvent event) {
    return rule.keys(event);
  }

  @Override
  public Pattern<RuleEvent, ?> cepPattern() {
    return Pattern.<RuleEvent>begin(STAGE, AfterMatchSkipStrategy.skipPastLastEvent())
        .where(new NewValue(rule.distinct()))
        .times(rule.count())
        .within(rule.window());
  }

  /** Accepts an event that brings a value the events already in the partial match do not have. */
  private static final class NewValue extends IterativeCondition<RuleEvent> {

    private final Distinct distinct;

    NewValue(Distinct distinct) {
      this.distinct = distinct;
    }

    @Override
    public boolean filter(RuleEvent candidate, Context<RuleEvent> context) throws Exception {
      Set<String> seen = new HashSet<>();
      for (RuleEvent earlier : context.getEventsForPattern(STAGE)) {
        seen.addAll(distinct.of(earlier.event()));
      }
      return distinct.of(candidate.event()).stream().anyMatch(value -> !seen.contains(value));
    }
  }
}
