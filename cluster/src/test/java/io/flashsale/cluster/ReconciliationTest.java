package io.flashsale.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashsale.cluster.Reconciliation.Count;
import io.flashsale.events.ChannelQuota;
import io.flashsale.events.Decision;
import io.flashsale.events.DecisionStatus;
import io.flashsale.events.Pool;
import io.flashsale.events.Position;
import io.flashsale.events.QuotaReason;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReconciliationTest {

  private static final Instant AT = Instant.parse("2026-11-27T10:00:00.000Z");

  @Test
  void shouldFindNothingLostOrDoubledWhenEverythingWasReadAsSent() {
    Reconciliation reconciliation =
        Reconciliation.of(
            Map.of("hold-1", 2L, "order-1", 1L),
            List.of("hold-1", "order-1", "hold-1"),
            Set.of("hold-1"),
            List.of(decision("HOT-1/1", "hold-1", null), decision("HOT-1/2", "hold-1", true)),
            List.of(position(1), position(2)),
            List.of(quota(1), quota(2)));

    assertThat(reconciliation.lost()).isZero();
    assertThat(reconciliation.doubled()).isZero();
  }

  @Test
  void shouldCountInputsReadFewerOrMoreTimesThanSent() {
    Reconciliation reconciliation =
        Reconciliation.of(
            Map.of("hold-1", 2L, "order-1", 1L),
            List.of("hold-1", "order-1", "order-1", "order-1"),
            Set.of(),
            List.of(),
            List.of(),
            List.of());

    assertThat(reconciliation.inputs()).isEqualTo(new Count(4, 1, 2));
  }

  @Test
  void shouldCountAnUnansweredCartEventAsLostAndADecisionReadTwiceAsDoubled() {
    Decision granted = decision("HOT-1/1", "hold-1", null);
    Reconciliation reconciliation =
        Reconciliation.of(
            Map.of(),
            List.of(),
            // Only a duplicate's answer does not answer a cart event.
            Set.of("hold-1", "release-1", "checkout-1"),
            List.of(granted, granted, decision("HOT-1/2", "checkout-1", true)),
            List.of(),
            List.of());

    assertThat(reconciliation.answers()).isEqualTo(new Count(3, 2, 1));
  }

  @Test
  void shouldCountMissingVersionsAsLostAndRepeatedOnesAsDoubled() {
    Reconciliation reconciliation =
        Reconciliation.of(
            Map.of(),
            List.of(),
            Set.of(),
            List.of(),
            List.of(position(1), position(3), position(3)),
            List.of(quota(2)));

    assertThat(reconciliation.positions()).isEqualTo(new Count(3, 1, 1));
    assertThat(reconciliation.quotas()).isEqualTo(new Count(1, 1, 0));
    assertThat(reconciliation.lost()).isEqualTo(2);
    assertThat(reconciliation.doubled()).isEqualTo(1);
  }

  private static Decision decision(String eventId, String requestEventId, Boolean duplicate) {
    return new Decision(
        eventId,
        requestEventId,
        "hold-1",
        null,
        "HOT-1",
        Pool.MAIN,
        "web",
        1,
        DecisionStatus.GRANTED,
        null,
        AT.plusSeconds(600),
        1,
        AT,
        duplicate);
  }

  private static Position position(long version) {
    return new Position("HOT-1", Pool.MAIN, 10, 1, 0, 9, 0, 0, version, AT);
  }

  private static ChannelQuota quota(long version) {
    return new ChannelQuota("HOT-1", "web", 9, 10, version, QuotaReason.STOCK_CHANGE, false, AT);
  }
}
