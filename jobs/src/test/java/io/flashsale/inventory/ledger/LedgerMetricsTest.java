package io.flashsale.inventory.ledger;

import static io.flashsale.inventory.LedgerEvents.at;
import static io.flashsale.inventory.LedgerEvents.checkout;
import static io.flashsale.inventory.LedgerEvents.hold;
import static io.flashsale.inventory.LedgerEvents.received;
import static io.flashsale.inventory.LedgerEvents.stock;
import static org.assertj.core.api.Assertions.assertThat;

import io.flashsale.events.ChannelQuota;
import io.flashsale.events.Pool;
import io.flashsale.events.QuotaReason;
import io.flashsale.events.StockKind;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

class LedgerMetricsTest {

  /** A metric group that keeps its counters, to read them back. */
  private static final class RecordingGroup extends UnregisteredMetricsGroup {
    final Map<String, Counter> counters = new HashMap<>();

    @Override
    public Counter counter(String name) {
      return counter(name, new SimpleCounter());
    }

    @Override
    public <C extends Counter> C counter(String name, C counter) {
      counters.put(name, counter);
      return counter;
    }

    long count(String name) {
      return counters.get(name).getCount();
    }
  }

  @Test
  void shouldCountWhatTheLedgerDecidedOnceEachAndNotItsDuplicates() throws Exception {
    RecordingGroup group = new RecordingGroup();
    LedgerMetrics metrics = new LedgerMetrics(group);
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

    assertThat(group.count("holdsGranted")).as("h1, h2, h4").isEqualTo(3);
    assertThat(group.count("checkoutsCommitted")).as("c4, not its re-sent copy").isEqualTo(1);
    assertThat(group.count("checkoutsRejectedAfterHold")).as("h2 after the count").isEqualTo(1);
    assertThat(group.count("rejections")).as("h3 and the uncovered checkout").isEqualTo(2);
    assertThat(group.count("holdsExpired")).as("h4").isEqualTo(1);
  }

  @Test
  void shouldCountQuotaChangesAndEachListingPauseOnce() {
    RecordingGroup group = new RecordingGroup();
    LedgerMetrics metrics = new LedgerMetrics(group);

    metrics.count(quota(40, 0, QuotaReason.INITIAL, false));
    metrics.count(quota(0, 40, QuotaReason.LOW_STOCK_PAUSE, true));
    metrics.count(quota(12, 0, QuotaReason.STOCK_CHANGE, false));

    assertThat(group.count("quotaChanges")).isEqualTo(3);
    assertThat(group.count("listingPauses")).isEqualTo(1);
  }

  private static ChannelQuota quota(long quota, long previous, QuotaReason reason, boolean paused) {
    return new ChannelQuota("SKU-1", "amazon", quota, previous, 1, reason, paused, at(0));
  }
}
