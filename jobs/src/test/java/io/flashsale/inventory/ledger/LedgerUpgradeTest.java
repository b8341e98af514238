package io.flashsale.inventory.ledger;

import static io.flashsale.inventory.LedgerEvents.at;
import static io.flashsale.inventory.LedgerEvents.checkout;
import static io.flashsale.inventory.LedgerEvents.hold;
import static io.flashsale.inventory.LedgerEvents.release;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.flashsale.events.Decision;
import io.flashsale.events.DecisionReason;
import io.flashsale.events.DecisionStatus;
import io.flashsale.events.Pool;
import io.flashsale.events.Position;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * An upgrade of the ledger's code under the same operator uid: a snapshot written by the ledger
 * before the per-customer hold limit existed (its holds had no customer or device, and there was no
 * count of units held per shopper) is restored by this ledger with a limit of 3. The state goes on
 * as if nothing had happened: holds, commitments, answers for duplicates, versions and expiry
 * timers; the old holds never count against the new limit.
 *
 * <p>The snapshot holds, for SKU-1: 10 units received, holds h1 (2 units, live), h2 (3, committed
 * to order o1) and h3 (1, live), and a marketplace order of 1 unit, at version 6; for SKU-2: 4
 * units, all held by h4. Holds last 60 s from their request at second 1, 2, 4 and 7.
 */
class LedgerUpgradeTest {

  private static final String SNAPSHOT = "ledger-snapshots/ledger-before-hold-limit.snapshot";
  private static final LedgerPolicy WITH_LIMIT =
      new LedgerPolicy(Duration.ofSeconds(60), Duration.ofHours(1), Duration.ofMinutes(5), 3);

  @Test
  void shouldGoOnFromTheStateAnEarlierLedgerWrote() throws Exception {
    try (LedgerHarness ledger = LedgerHarness.restoredFrom(SNAPSHOT, WITH_LIMIT)) {
      ledger.send(
          hold("c1", "SKU-1", "h1", 2, at(1)),
          release("r1", "SKU-1", "h1", at(9)),
          hold("c6", "SKU-1", "h5", "alice", null, 3, at(10)),
          hold("c7", "SKU-1", "h6", "alice", null, 1, at(11)),
          checkout("c8", "SKU-1", "h3", "o2", 1, at(12)));
      ledger.watermark(at(70));

      assertThat(ledger.decisions())
          .extracting(
              Decision::requestEventId,
              Decision::holdId,
              Decision::status,
              Decision::reason,
              Decision::duplicate)
          .containsExactly(
              tuple("c1", "h1", DecisionStatus.GRANTED, null, true),
              tuple("r1", "h1", DecisionStatus.RELEASED, null, null),
              tuple("c6", "h5", DecisionStatus.GRANTED, null, null),
              tuple("c7", "h6", DecisionStatus.REJECTED, DecisionReason.HOLD_LIMIT, null),
              tuple("c8", "h3", DecisionStatus.COMMITTED, null, null),
              tuple(null, "h4", DecisionStatus.EXPIRED, null, null),
              tuple(null, "h5", DecisionStatus.EXPIRED, null, null));
      assertThat(ledger.decisions().get(1).expiresAt()).isEqualTo(at(61));
      assertThat(ledger.decisions().get(1).eventId()).isEqualTo("SKU-1/6");
      assertThat(ledger.position("SKU-1", Pool.MAIN).orElseThrow())
          .extracting(Position::onHand, Position::committed, Position::held, Position::version)
          .containsExactly(10L, 5L, 0L, 10L);
      assertThat(ledger.position("SKU-2", Pool.MAIN).orElseThrow())
          .extracting(Position::onHand, Position::held, Position::version)
          .containsExactly(4L, 0L, 3L);
    }
  }
}
