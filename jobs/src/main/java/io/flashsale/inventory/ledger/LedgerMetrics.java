package io.flashsale.inventory.ledger;

import io.flashsale.events.ChannelQuota;
import io.flashsale.events.Decision;
import io.flashsale.events.DecisionReason;
import io.flashsale.events.DecisionStatus;
import io.flashsale.events.OversellIncident;
import io.flashsale.metrics.LabelledCounters;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The ledger's metrics, in the operator's {@code flashsale} group: what an on-call engineer watches
 * during a sale without reading the topics. Names and labels are documented in docs/metrics.md.
 */
final class LedgerMetrics {

  /** The label of a decision without a reason. */
  static final String NO_REASON = "NONE";

  /** Hold ages are summarised over this many of the latest ends. */
  private static final int HOLD_AGE_WINDOW = 1000;

  private final MetricGroup group;
  private final LedgerTotals totals;
  private final LabelledCounters decisions;

  /** The decision counters by status and reason (NONE last), looked up without a key per event. */
  private final Counter[][] decisionsByStatus =
      new Counter[DecisionStatus.values().length][DecisionReason.values().length + 1];

  private final LabelledCounters quotaChanges;
  private final LabelledCounters listingPauses;
  private final Map<DecisionStatus, Histogram> holdAges = new EnumMap<>(DecisionStatus.class);
  private final Counter duplicateAnswers;
  private final Counter checkoutsRejectedAfterHold;
  private final Counter oversellIncidents;

  /**
   * @param marketplaces the channels whose exposure gets a gauge, shown from the start at 0
   */
  LedgerMetrics(MetricGroup operatorGroup, LedgerTotals totals, Iterable<String> marketplaces) {
    this.group = operatorGroup.addGroup("flashsale");
    this.totals = totals;
    decisions = new LabelledCounters(group, "decisions", "status", "reason");
    quotaChanges = new LabelledCounters(group, "quotaChanges", "channel", "reason");
    listingPauses = new LabelledCounters(group, "listingPauses", "channel");
    duplicateAnswers = group.counter("duplicateAnswers");
    checkoutsRejectedAfterHold = group.counter("checkoutsRejectedAfterHold");
    oversellIncidents = group.counter("oversellIncidents");
    group.gauge("holdsOutstanding", () -> totals.holds);
    group.gauge("unitsHeld", () -> totals.unitsHeld);
    for (String channel : marketplaces) {
      group.addGroup("channel", channel).gauge("exposure", () -> totals.exposure(channel));
    }
  }

  void count(Decision decision) {
    if (Boolean.TRUE.equals(decision.duplicate())) {
      duplicateAnswers.inc();
      return;
    }
    DecisionReason reason = decision.reason();
    Counter[] byReason = decisionsByStatus[decision.status().ordinal()];
    int slot = reason == null ? byReason.length - 1 : reason.ordinal();
    if (byReason[slot] == null) {
      byReason[slot] =
          decisions.of(decision.status().name(), reason == null ? NO_REASON : reason.name());
    }
    byReason[slot].inc();
    if (decision.status() == DecisionStatus.RELEASED
        && decision.reason() == DecisionReason.CHECKOUT_REJECTED) {
      checkoutsRejectedAfterHold.inc();
    }
  }

  void count(ChannelQuota quota) {
    quotaChanges.of(quota.channel(), quota.reason().name()).inc();
    // A paused listing's quota stays 0, so it gets no further record until it resumes.
    if (quota.listingPaused()) {
      listingPauses.of(quota.channel()).inc();
    }
  }

  void count(OversellIncident incident) {
    oversellIncidents.inc();
  }

  void holdGranted(Hold hold) {
    totals.holds++;
    totals.unitsHeld += hold.quantity();
  }

  void holdEnded(Hold hold, DecisionStatus outcome, long time) {
    totals.holds--;
    totals.unitsHeld -= hold.quantity();
    holdAges
        .computeIfAbsent(
            outcome,
            status ->
                group
                    .addGroup("outcome", status.name())
                    .histogram("holdAgeMs", new DescriptiveStatisticsHistogram(HOLD_AGE_WINDOW)))
        .update(time - hold.heldAt());
  }

  void exposureMoved(String channel, long units) {
    totals.exposure.merge(channel, units, Long::sum);
  }
}
