package io.flashsale.fraud.functions;

import io.flashsale.fraud.patterns.PatternRule;
import io.flashsale.fraud.patterns.RuleEvent;
import io.flashsale.fraud.scoring.Signal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.util.Collector;

/** Turns a rule's CEP match into a signal about the match's subject. */
public final class MatchToSignal extends PatternProcessFunction<RuleEvent, Signal> {

  private static final Comparator<RuleEvent> BY_TIME =
      Comparator.comparing((RuleEvent e) -> e.event().occurredAt())
          .thenComparing(e -> e.event().eventId());

  private final PatternRule rule;

  public MatchToSignal(PatternRule rule) {
    this.rule = rule;
  }

  @Override
  public void processMatch(
      Map<String, List<RuleEvent>> match, Context context, Collector<Signal> out) {
    List<RuleEvent> events = match.values().stream().flatMap(List::stream).sorted(BY_TIME).toList();
    out.collect(
        Signal.of(
            rule.name(),
            rule.pattern(),
            rule.subjectType(),
            rule.subject(events),
            rule.weight(),
            events.stream().map(RuleEvent::event).toList()));
  }
}
