package io.flashsale.fraud;

import io.flashsale.events.CartEvent;
import io.flashsale.fraud.functions.BurstDetector;
import io.flashsale.fraud.functions.MatchToSignal;
import io.flashsale.fraud.patterns.BurstRule;
import io.flashsale.fraud.patterns.EventIdOrder;
import io.flashsale.fraud.patterns.FraudRule;
import io.flashsale.fraud.patterns.PatternRule;
import io.flashsale.fraud.patterns.RuleEvent;
import io.flashsale.fraud.scoring.Signal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.operator.CepOperator;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * One rule's operator in Flink's test harness, built as the job builds it (a pattern rule's as
 * {@code CEP.pattern(...)} does): real keyed state and timers, driven by cart events and
 * watermarks.
 */
public final class RuleHarness implements AutoCloseable {

  private final FraudRule rule;
  private final KeyedOneInputStreamOperatorTestHarness<String, RuleEvent, Signal> harness;
  private final List<Signal> signals = new ArrayList<>();
  private final List<RuleEvent> late = new ArrayList<>();

  public RuleHarness(FraudRule rule) throws Exception {
    this.rule = rule;
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(operator(rule), RuleEvent::key, Types.STRING);
    harness.open();
  }

  private static OneInputStreamOperator<RuleEvent, Signal> operator(FraudRule rule) {
    if (rule instanceof BurstRule burst) {
      return new KeyedProcessOperator<>(new BurstDetector(burst, FraudJob.LATE_EVENTS));
    }
    PatternRule patternRule = (PatternRule) rule;
    Pattern<RuleEvent, ?> pattern = patternRule.cepPattern();
    return new CepOperator<>(
        TypeInformation.of(RuleEvent.class).createSerializer(new SerializerConfigImpl()),
        false,
        NFACompiler.compileFactory(pattern, false),
        new EventIdOrder(),
        pattern.getAfterMatchSkipStrategy(),
        new MatchToSignal(patternRule),
        FraudJob.LATE_EVENTS);
  }

  /** Sends each event under each of its keys for this rule, at its own event time. */
  public RuleHarness send(Carts... events) throws Exception {
    for (Carts builder : events) {
      send(builder.build());
    }
    return this;
  }

  public RuleHarness send(CartEvent event) throws Exception {
    for (String key : rule.keys(event)) {
      harness.processElement(new RuleEvent(key, event), event.occurredAt().toEpochMilli());
    }
    collect();
    return this;
  }

  public RuleHarness watermark(Instant time) throws Exception {
    harness.processWatermark(time.toEpochMilli());
    collect();
    return this;
  }

  public List<Signal> signals() {
    return signals;
  }

  public List<RuleEvent> late() {
    return late;
  }

  /** Keyed state entries over all keys and states of the operator. */
  public int keyedStateEntries() {
    AbstractStreamOperator<?> operator = (AbstractStreamOperator<?>) harness.getOperator();
    return ((HeapKeyedStateBackend<?>) operator.getKeyedStateBackend()).numKeyValueStateEntries();
  }

  /** The size of a snapshot of the operator's keyed state, timers included. */
  public long stateBytes() throws Exception {
    return harness.snapshot(0, 0).getStateSize();
  }

  public int eventTimeTimers() {
    return harness.numEventTimeTimers();
  }

  @Override
  public void close() throws Exception {
    harness.close();
  }

  private void collect() {
    signals.addAll(harness.extractOutputValues());
    harness.getOutput().clear();
    Queue<StreamRecord<RuleEvent>> lateRecords = harness.getSideOutput(FraudJob.LATE_EVENTS);
    if (lateRecords != null) {
      for (StreamRecord<RuleEvent> record = lateRecords.poll();
          record != null;
          record = lateRecords.poll()) {
        late.add(record.getValue());
      }
    }
  }
}
