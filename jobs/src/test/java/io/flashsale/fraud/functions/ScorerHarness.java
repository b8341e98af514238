package io.flashsale.fraud.functions;

import io.flashsale.events.FraudAlert;
import io.flashsale.events.SaleEvent;
import io.flashsale.fraud.scoring.ScoringPolicy;
import io.flashsale.fraud.scoring.Signal;
import io.flashsale.sales.SaleCalendar;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;

/** The risk scorer in Flink's test harness: real keyed and broadcast state, real timers. */
final class ScorerHarness implements AutoCloseable {

  private final KeyedBroadcastOperatorTestHarness<String, Signal, SaleEvent, FraudAlert> harness;

  ScorerHarness(ScoringPolicy policy) throws Exception {
    harness =
        new KeyedBroadcastOperatorTestHarness<>(
            new CoBroadcastWithKeyedOperator<>(
                new RiskScorer(policy), List.of(SaleCalendar.DESCRIPTOR)),
            RiskScorer::subjectKey,
            Types.STRING,
            1,
            1,
            0);
    harness.open();
  }

  ScorerHarness send(Signal... signals) throws Exception {
    for (Signal signal : signals) {
      harness.processElement(signal, signal.windowEnd().toEpochMilli());
    }
    return this;
  }

  ScorerHarness calendar(SaleEvent sale) throws Exception {
    harness.processBroadcastElement(sale, sale.occurredAt().toEpochMilli());
    return this;
  }

  /** Advances event time on both inputs; returns the alerts this raised. */
  List<FraudAlert> watermark(Instant time) throws Exception {
    harness.processWatermark(time.toEpochMilli());
    harness.processBroadcastWatermark(time.toEpochMilli());
    List<FraudAlert> alerts = harness.extractOutputValues();
    harness.getOutput().clear();
    return alerts;
  }

  int keyedStateEntries() {
    AbstractStreamOperator<?> operator = (AbstractStreamOperator<?>) harness.getTwoInputOperator();
    return ((HeapKeyedStateBackend<?>) operator.getKeyedStateBackend()).numKeyValueStateEntries();
  }

  int eventTimeTimers() {
    return harness.numEventTimeTimers();
  }

  @Override
  public void close() throws Exception {
    harness.close();
  }
}
