package io.flashsale.inventory.ledger;

import static io.flashsale.inventory.LedgerEvents.at;
import static io.flashsale.inventory.LedgerEvents.checkout;
import static io.flashsale.inventory.LedgerEvents.hold;
import static io.flashsale.inventory.LedgerEvents.received;
import static io.flashsale.inventory.LedgerEvents.stock;
import static org.assertj.core.api.Assertions.assertThat;

import io.flashsale.events.ChannelQuota;
import io.flashsale.events.DecisionStatus;
import io.flashsale.events.Pool;
import io.flashsale.events.QuotaReason;
import io.flashsale.events.StockKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

class LedgerMetricsTest {

  /** A metric group that keeps its metrics by their path, e.g. {@code flashsale.status.X.n}. */
  private static final class RecordingGroup extends UnregisteredMetricsGroup {
    final Map<String, Object> metrics;
    final String path;

    RecordingGroup() {
      this(new HashMap<>(), "");
    }

    private RecordingGroup(Map<String, Object> metrics, String path) {
      this.metrics = metrics;
      this.path = path;
    }

    @Override
    public MetricGroup addGroup(String name) {
      return new RecordingGroup(metrics, path + name + ".");
    }

    @Override
    public MetricGroup addGroup(String key, String value) {
      return new RecordingGroup(metrics, path + key + "." + value + ".");
    }

    @Override
    public Counter counter(String name) {
      return counter(name, new SimpleCounter());
    }

    @Override
    public <C extends Counter> C counter(String name, C counter) {
      metrics.put(path + name, counter);
      return counter;
    }

    @Override
    public <T, G extends Gauge<T>> G gauge(String name, G gauge) {
      metrics.put(path + name, gauge);
      return gauge;
    }

    @Override
    public <H extends Histogram> H histogram(String name, H histogram) {
      metrics.put(path + name, histogram);
      return histogram;
    }

    long count(String name) {
      Counter counter = (Counter) metrics.get("flashsale." + name);
      return counter == null ? 0 : counter.getCount();
    }

    Object gauge(String name) {
      return ((Gauge<?>) metrics.get("flashsale." + name)).getValue();
    }

    Histogram histogram(String name) {
      return (Histogram) metrics.get("flashsale." + name);
    }
  }

  @Test
  void shouldCountDecisionsByStatusAndReasonAndDuplicatesApart() throws Exception {
    RecordingGroup group = new RecordingGroup();
    LedgerMetrics metrics = new LedgerMetrics(group, new LedgerTotals(), List.of());
    try (LedgerHarness ledger = new LedgerHarness()) {
      ledger.send(
          received("s1", "SKU-1", 5, at(0)),
          hold("c1", "SKU-1", "h1", 2, at(1)),
          hold("c2", "SKU-1", "h2", 2, at(2)),
          hold("c3", "SKU-1", "h3", 2, at(3)),
          checkout("c4", "SKU-1", "h1", "W-1", 2, at(4)),
          checkout("c4", "SKU-1", "h1", "W-1", 2, at(4)),
          stock("s2", "SKU-1", Pool.MAIN, StockKind.COUNTED, 3, null, at(5)),
          checkout("c5", "SKU-1", "h2", "W-2", 2, at(6)),
          hold("c6", "SKU-1", "h4", 1, at(7)));
      ledger.watermark(at(7).plus(LedgerPolicy.DEFAULT.defaultHoldTtl()).plusSeconds(1));
      ledger.decisions().forEach(metrics::count);
    }

    assertThat(group.count("status.GRANTED.reason.NONE.decisions")).as("h1, h2, h4").isEqualTo(3);
    assertThat(group.count("status.COMMITTED.reason.NONE.decisions"))
        .as("c4, not its re-sent copy")
        .isEqualTo(1);
    assertThat(group.count("duplicateAnswers")).as("c4's copy").isEqualTo(1);
    assertThat(group.count("status.RELEASED.reason.CHECKOUT_REJECTED.decisions")).isEqualTo(1);
    assertThat(group.count("checkoutsRejectedAfterHold")).as("h2 after the count").isEqualTo(1);
    assertThat(group.count("status.REJECTED.reason.INSUFFICIENT_STOCK.decisions"))
        .as("h3 and the uncovered checkout")
        .isEqualTo(2);
    assertThat(group.count("status.EXPIRED.reason.NONE.decisions")).as("h4").isEqualTo(1);
  }

  @Test
  void shouldCountQuotaChangesByChannelAndReasonAndEachListingPauseOnce() {
    RecordingGroup group = new RecordingGroup();
    LedgerMetrics metrics = new LedgerMetrics(group, new LedgerTotals(), List.of("amazon"));

    metrics.count(quota(40, 0, QuotaReason.INITIAL, false));
    metrics.count(quota(0, 40, QuotaReason.LOW_STOCK_PAUSE, true));
    metrics.count(quota(12, 0, QuotaReason.STOCK_CHANGE, false));
    metrics.count(quota(10, 12, QuotaReason.STOCK_CHANGE, false));

    assertThat(group.count("channel.amazon.reason.INITIAL.quotaChanges")).isEqualTo(1);
    assertThat(group.count("channel.amazon.reason.LOW_STOCK_PAUSE.quotaChanges")).isEqualTo(1);
    assertThat(group.count("channel.amazon.reason.STOCK_CHANGE.quotaChanges")).isEqualTo(2);
    assertThat(group.count("channel.amazon.listingPauses")).isEqualTo(1);
  }

  @Test
  void shouldShowHoldsOutstandingAndTheirAgesWhenTheyEnd() {
    RecordingGroup group = new RecordingGroup();
    LedgerMetrics metrics = new LedgerMetrics(group, new LedgerTotals(), List.of());
    Hold first = new Hold("h1", "c1", "web", 2, 1_000, 901_000, null, null);
    Hold second = new Hold("h2", "c2", "web", 3, 2_000, 902_000, null, null);

    metrics.holdGranted(first);
    metrics.holdGranted(second);
    assertThat(group.gauge("holdsOutstanding")).isEqualTo(2L);
    assertThat(group.gauge("unitsHeld")).isEqualTo(5L);

    metrics.holdEnded(first, DecisionStatus.COMMITTED, 61_000);
    metrics.holdEnded(second, DecisionStatus.EXPIRED, 902_000);

    assertThat(group.gauge("holdsOutstanding")).isEqualTo(0L);
    assertThat(group.gauge("unitsHeld")).isEqualTo(0L);
    assertThat(group.histogram("outcome.COMMITTED.holdAgeMs").getStatistics().getMax())
        .isEqualTo(60_000);
    assertThat(group.histogram("outcome.EXPIRED.holdAgeMs").getStatistics().getMax())
        .isEqualTo(900_000);
  }

  @Test
  void shouldShowEachMarketplacesExposureFromTheStartAndAsItMoves() {
    RecordingGroup group = new RecordingGroup();
    LedgerMetrics metrics =
        new LedgerMetrics(group, new LedgerTotals(), List.of("amazon", "walmart"));
    assertThat(group.gauge("channel.amazon.exposure")).isEqualTo(0L);

    metrics.exposureMoved("amazon", 40);
    metrics.exposureMoved("walmart", 10);
    metrics.exposureMoved("amazon", -15);

    assertThat(group.gauge("channel.amazon.exposure")).isEqualTo(25L);
    assertThat(group.gauge("channel.walmart.exposure")).isEqualTo(10L);
  }

  private static ChannelQuota quota(long quota, long previous, QuotaReason reason, boolean paused) {
    return new ChannelQuota("SKU-1", "amazon", quota, previous, 1, reason, paused, at(0));
  }
}
