package io.flashsale.inventory.ledger;

import static io.flashsale.inventory.LedgerEvents.at;
import static io.flashsale.inventory.LedgerEvents.checkout;
import static io.flashsale.inventory.LedgerEvents.hold;
import static io.flashsale.inventory.LedgerEvents.received;
import static io.flashsale.inventory.LedgerEvents.release;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.flashsale.events.Decision;
import io.flashsale.events.DecisionReason;
import io.flashsale.events.DecisionStatus;
import io.flashsale.events.Pool;
import io.flashsale.events.SaleEvent;
import io.flashsale.events.SaleEventType;
import io.flashsale.inventory.LedgerEvents;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The per-customer hold limit: no customer, and no device, holds more than the limit's units of a
 * SKU at once; units come back to the limit when their hold ends, however it ends. A sale in effect
 * may set its own limit.
 */
class HoldLimitTest {

  private static final String SKU = "SKU-1";
  private static final LedgerPolicy LIMIT_3 =
      new LedgerPolicy(Duration.ofSeconds(60), Duration.ofHours(1), Duration.ofMinutes(5), 3);

  @Test
  void shouldRejectAHoldThatWouldTakeItsCustomerOverTheLimit() throws Exception {
    try (LedgerHarness ledger = new LedgerHarness(LIMIT_3)) {
      ledger.send(
          received("s1", SKU, 100, at(0)),
          hold("e1", SKU, "h1", "alice", null, 2, at(1)),
          hold("e2", SKU, "h2", "alice", null, 2, at(2)),
          hold("e3", SKU, "h3", "alice", null, 1, at(3)),
          hold("e4", SKU, "h4", "bob", null, 3, at(4)));

      assertThat(ledger.decisions())
          .extracting(Decision::requestEventId, Decision::status, Decision::reason)
          .containsExactly(
              tuple("e1", DecisionStatus.GRANTED, null),
              tuple("e2", DecisionStatus.REJECTED, DecisionReason.HOLD_LIMIT),
              tuple("e3", DecisionStatus.GRANTED, null),
              tuple("e4", DecisionStatus.GRANTED, null));
      assertThat(ledger.position(SKU, Pool.MAIN).orElseThrow().held()).isEqualTo(6);
    }
  }

  @Test
  void shouldCountADeviceAcrossTheCustomersUsingIt() throws Exception {
    try (LedgerHarness ledger = new LedgerHarness(LIMIT_3)) {
      ledger.send(
          received("s1", SKU, 100, at(0)),
          hold("e1", SKU, "h1", "bot-1", "phone-9", 2, at(1)),
          hold("e2", SKU, "h2", "bot-2", "phone-9", 2, at(2)),
          hold("e3", SKU, "h3", "bot-3", "phone-8", 2, at(3)));

      assertThat(ledger.decisions())
          .extracting(Decision::status, Decision::reason)
          .containsExactly(
              tuple(DecisionStatus.GRANTED, null),
              tuple(DecisionStatus.REJECTED, DecisionReason.HOLD_LIMIT),
              tuple(DecisionStatus.GRANTED, null));
    }
  }

  @Test
  void shouldRejectARequestOverTheLimitEvenWhenStockIsShort() throws Exception {
    try (LedgerHarness ledger = new LedgerHarness(LIMIT_3)) {
      ledger.send(received("s1", SKU, 1, at(0)), hold("e1", SKU, "h1", "alice", null, 4, at(1)));

      assertThat(ledger.decisions())
          .extracting(Decision::status, Decision::reason)
          .containsExactly(tuple(DecisionStatus.REJECTED, DecisionReason.HOLD_LIMIT));
    }
  }

  @Test
  void shouldGiveUnitsBackToTheLimitWhenHoldsAreReleasedCommittedOrExpire() throws Exception {
    try (LedgerHarness ledger = new LedgerHarness(LIMIT_3)) {
      ledger.send(
          received("s1", SKU, 100, at(0)),
          hold("e1", SKU, "h1", "alice", "phone", 3, at(1)),
          hold("e2", SKU, "h2", "alice", "phone", 1, at(2)),
          release("e3", SKU, "h1", at(3)),
          hold("e4", SKU, "h4", "alice", "phone", 3, at(4)),
          checkout("e5", SKU, "h4", "o1", 3, at(5)),
          hold("e6", SKU, "h6", "alice", "phone", 3, at(6)));
      ledger.watermark(at(70));
      ledger.send(hold("e7", SKU, "h7", "alice", "phone", 3, at(71)));

      assertThat(ledger.decisions())
          .extracting(Decision::holdId, Decision::status, Decision::reason)
          .containsExactly(
              tuple("h1", DecisionStatus.GRANTED, null),
              tuple("h2", DecisionStatus.REJECTED, DecisionReason.HOLD_LIMIT),
              tuple("h1", DecisionStatus.RELEASED, null),
              tuple("h4", DecisionStatus.GRANTED, null),
              tuple("h4", DecisionStatus.COMMITTED, null),
              tuple("h6", DecisionStatus.GRANTED, null),
              tuple("h6", DecisionStatus.EXPIRED, null),
              tuple("h7", DecisionStatus.GRANTED, null));
    }
  }

  @Test
  void shouldKeepCountingAcrossARestart() throws Exception {
    try (LedgerHarness ledger = new LedgerHarness(LIMIT_3)) {
      ledger.send(received("s1", SKU, 100, at(0)), hold("e1", SKU, "h1", "alice", null, 3, at(1)));
      ledger.restart();
      ledger.send(hold("e2", SKU, "h2", "alice", null, 1, at(2)));

      assertThat(ledger.newDecisions())
          .extracting(Decision::reason)
          .containsExactly(null, DecisionReason.HOLD_LIMIT);
    }
  }

  @Test
  void shouldApplyTheLimitOfASaleInEffectInsteadOfThePolicys() throws Exception {
    SaleEvent limitOne =
        new SaleEvent(
            "sale-1",
            "doorbuster",
            SaleEventType.STARTED,
            LedgerEvents.WEB,
            List.of(SKU),
            null,
            null,
            null,
            1,
            null,
            null,
            at(10),
            at(20),
            at(10));
    try (LedgerHarness ledger = new LedgerHarness(LIMIT_3)) {
      ledger.send(
          received("s1", SKU, 100, at(0)),
          limitOne,
          hold("e1", SKU, "h1", "alice", null, 2, at(11)),
          hold("e2", SKU, "h2", "bob", null, 1, at(12)),
          hold("e3", SKU, "h3", "bob", null, 1, at(13)),
          hold("e4", SKU, "h4", "bob", null, 2, at(21)),
          hold("e5", SKU, "h5", "carol", null, 3, at(22)));

      assertThat(ledger.decisions())
          .extracting(Decision::requestEventId, Decision::reason)
          .containsExactly(
              tuple("e1", DecisionReason.HOLD_LIMIT),
              tuple("e2", null),
              tuple("e3", DecisionReason.HOLD_LIMIT),
              tuple("e4", null),
              tuple("e5", null));
    }
  }

  @Test
  void shouldLetACustomerHoldAnyNumberOfUnitsWithoutALimit() throws Exception {
    try (LedgerHarness ledger = new LedgerHarness()) {
      ledger.send(received("s1", SKU, 100, at(0)));
      for (int i = 0; i < 10; i++) {
        ledger.send(hold("e" + i, SKU, "h" + i, "alice", "phone", 5, at(1 + i)));
      }

      List<Decision> decisions = ledger.decisions();
      assertThat(decisions).hasSize(10).allMatch(d -> d.status() == DecisionStatus.GRANTED);
    }
  }
}
