package io.flashsale.inventory.ledger;

import io.flashsale.events.ChannelQuota;
import io.flashsale.events.Decision;
import io.flashsale.events.DecisionReason;
import io.flashsale.events.OversellIncident;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The ledger's counters, in the operator's metric group: what an operator watches during a sale
 * (web UI, or any metric reporter) without reading the topics.
 */
final class LedgerMetrics {

  private final Counter holdsGranted;
  private final Counter rejections;
  private final Counter checkoutsCommitted;
  private final Counter checkoutsRejectedAfterHold;
  private final Counter holdsExpired;
  private final Counter quotaChanges;
  private final Counter listingPauses;
  private final Counter oversellIncidents;

  LedgerMetrics(MetricGroup group) {
    holdsGranted = group.counter("holdsGranted");
    rejections = group.counter("rejections");
    checkoutsCommitted = group.counter("checkoutsCommitted");
    checkoutsRejectedAfterHold = group.counter("checkoutsRejectedAfterHold");
    holdsExpired = group.counter("holdsExpired");
    quotaChanges = group.counter("quotaChanges");
    listingPauses = group.counter("listingPauses");
    oversellIncidents = group.counter("oversellIncidents");
  }

  void count(Decision decision) {
    if (Boolean.TRUE.equals(decision.duplicate())) {
      return;
    }
    switch (decision.status()) {
      case GRANTED -> holdsGranted.inc();
      case REJECTED -> rejections.inc();
      case COMMITTED -> checkoutsCommitted.inc();
      case EXPIRED -> holdsExpired.inc();
      case RELEASED -> {
        if (decision.reason() == DecisionReason.CHECKOUT_REJECTED) {
          checkoutsRejectedAfterHold.inc();
        }
      }
    }
  }

  void count(ChannelQuota quota) {
    quotaChanges.inc();
    // A paused listing's quota stays 0, so it gets no further record until it resumes.
    if (quota.listingPaused()) {
      listingPauses.inc();
    }
  }

  void count(OversellIncident incident) {
    oversellIncidents.inc();
  }
}
