package io.flashsale.fraud.functions;

import io.flashsale.events.FraudAlert;
import io.flashsale.events.SaleEvent;
import io.flashsale.fraud.scoring.Alerts;
import io.flashsale.fraud.scoring.ScoringPolicy;
import io.flashsale.fraud.scoring.Signal;
import io.flashsale.fraud.scoring.SubjectRisk;
import io.flashsale.logging.LogEvent;
import io.flashsale.metrics.LabelledCounters;
import io.flashsale.sales.SaleCalendar;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores each subject (keyed by {@code subjectType:subject}) from the signals of every rule, with
 * the sales calendar broadcast beside it, and flags the subject when the score reaches the
 * threshold for the event that raised it: the sale threshold while a sale is in effect for that
 * event, the normal one otherwise.
 *
 * <p>A signal is scored only once the watermark passes it. By then every on-time signal of the
 * subject up to that time and every on-time calendar record have arrived, so the order of scoring
 * and the threshold applied do not depend on how the inputs interleaved: a replay flags the same
 * subjects with the same alerts.
 *
 * <p>A subject is alerted again only when its score rises above the last alert's, and forgets
 * everything once its last signal is a horizon old: one timer per subject then clears its state.
 */
public final class RiskScorer
    extends KeyedBroadcastProcessFunction<String, Signal, SaleEvent, FraudAlert> {

  private static final Logger LOG = LoggerFactory.getLogger(RiskScorer.class);

  private final ScoringPolicy policy;

  private transient ValueState<SubjectRisk> risk;
  private transient LabelledCounters alertsByPattern;

  public RiskScorer(ScoringPolicy policy) {
    this.policy = policy;
  }

  /** The key of a signal's subject. */
  public static String subjectKey(Signal signal) {
    return signal.subjectType() + ":" + signal.subject();
  }

  @Override
  public void open(OpenContext openContext) {
    risk =
        getRuntimeContext().getState(new ValueStateDescriptor<>("subject-risk", SubjectRisk.class));
    alertsByPattern =
        new LabelledCounters(
            getRuntimeContext().getMetricGroup().addGroup("flashsale"), "fraudAlerts", "pattern");
  }

  @Override
  public void processElement(Signal signal, ReadOnlyContext context, Collector<FraudAlert> out)
      throws Exception {
    risk.update(current().withPending(signal));
    context.timerService().registerEventTimeTimer(signal.windowEnd().toEpochMilli());
  }

  @Override
  public void processBroadcastElement(SaleEvent sale, Context context, Collector<FraudAlert> out)
      throws Exception {
    // Signals are scored only behind the watermark, so a sale that ended before it never applies
    // again: no need to keep it.
    SaleCalendar.record(
        context.getBroadcastState(SaleCalendar.DESCRIPTOR),
        sale,
        context.currentWatermark(),
        Duration.ZERO);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<FraudAlert> out)
      throws Exception {
    Instant now = Instant.ofEpochMilli(timestamp);
    SubjectRisk subject = current();
    Optional<Instant> endBefore = subject.end(policy.horizon());
    ReadOnlyBroadcastState<String, SaleEvent> sales =
        context.getBroadcastState(SaleCalendar.DESCRIPTOR);
    for (Signal signal : subject.due(now)) {
      subject = subject.expire(signal.windowEnd(), policy.horizon()).activate(signal);
      int score = subject.score();
      boolean sale =
          SaleCalendar.anyInEffect(sales, signal.channel(), signal.sku(), signal.windowEnd());
      int threshold = policy.thresholdFor(sale);
      if (score >= threshold && score > subject.alertedScore()) {
        FraudAlert alert = Alerts.of(signal, subject.active(), score, threshold);
        out.collect(alert);
        LOG.info(
            LogEvent.of("fraud_alert")
                .with("alertId", alert.alertId())
                .with("pattern", alert.pattern())
                .with("subjectType", alert.subjectType())
                .with("riskScore", alert.riskScore())
                .with("threshold", alert.threshold())
                .toString());
        alertsByPattern.of(alert.pattern().name()).inc();
        subject = subject.alerted(score);
      }
    }
    subject = subject.pendingAfter(now).expire(now, policy.horizon());
    if (subject.isEmpty()) {
      risk.clear();
    } else {
      risk.update(subject);
    }
    // One timer clears the subject once its latest signal stops counting; a newer signal moves it,
    // since a timer per signal would pile up with a flood of matches. Older signals of the subject
    // need none: each is dropped when the next is scored. A pending signal may share the old time.
    Optional<Instant> end = subject.end(policy.horizon());
    if (!end.equals(endBefore)) {
      if (endBefore.isPresent() && !subject.isPendingAt(endBefore.get())) {
        context.timerService().deleteEventTimeTimer(endBefore.get().toEpochMilli());
      }
      end.ifPresent(t -> context.timerService().registerEventTimeTimer(t.toEpochMilli()));
    }
  }

  private SubjectRisk current() throws Exception {
    SubjectRisk value = risk.value();
    return value == null ? SubjectRisk.EMPTY : value;
  }
}
