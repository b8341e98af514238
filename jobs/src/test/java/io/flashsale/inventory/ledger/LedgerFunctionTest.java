package io.flashsale.inventory.ledger;

import static io.flashsale.inventory.LedgerEvents.at;
import static io.flashsale.inventory.LedgerEvents.cancelled;
import static io.flashsale.inventory.LedgerEvents.cart;
import static io.flashsale.inventory.LedgerEvents.checkout;
import static io.flashsale.inventory.LedgerEvents.created;
import static io.flashsale.inventory.LedgerEvents.hold;
import static io.flashsale.inventory.LedgerEvents.order;
import static io.flashsale.inventory.LedgerEvents.received;
import static io.flashsale.inventory.LedgerEvents.release;
import static io.flashsale.inventory.LedgerEvents.sale;
import static io.flashsale.inventory.LedgerEvents.shipped;
import static io.flashsale.inventory.LedgerEvents.stock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.flashsale.events.CartEventType;
import io.flashsale.events.Decision;
import io.flashsale.events.DecisionReason;
import io.flashsale.events.DecisionStatus;
import io.flashsale.events.OrderStatus;
import io.flashsale.events.OversellCause;
import io.flashsale.events.Pool;
import io.flashsale.events.Position;
import io.flashsale.events.SaleEventType;
import io.flashsale.events.StockKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LedgerFunctionTest {

  private static final String SKU = "SKU-1";
  private static final Duration TTL = Duration.ofSeconds(600);

  private LedgerHarness ledger;

  @BeforeEach
  void openLedger() throws Exception {
    ledger = new LedgerHarness();
  }

  @AfterEach
  void closeLedger() throws Exception {
    ledger.close();
  }

  private Position main() {
    return ledger.position(SKU, Pool.MAIN).orElseThrow();
  }

  private static Decision only(List<Decision> decisions) {
    assertThat(decisions).hasSize(1);
    return decisions.get(0);
  }

  @Nested
  class StockMovements {

    @Test
    void shouldCountReceiptsAndReturnsIntoOnHandWithOneVersionEach() throws Exception {
      ledger.send(
          received("s1", SKU, 10, at(0)),
          stock("s2", SKU, Pool.MAIN, StockKind.RETURNED, 2, null, at(1)));

      assertThat(ledger.positions())
          .extracting(Position::onHand, Position::available, Position::version)
          .containsExactly(tuple(10L, 10L, 1L), tuple(12L, 12L, 2L));
      assertThat(main().updatedAt()).isEqualTo(at(1));
    }

    @Test
    void shouldApplyACountAsAbsoluteAndIgnoreACountThatChangesNothing() throws Exception {
      ledger.send(
          received("s1", SKU, 10, at(0)),
          stock("s2", SKU, Pool.MAIN, StockKind.COUNTED, 7, null, at(1)),
          stock("s3", SKU, Pool.MAIN, StockKind.COUNTED, 7, null, at(2)));

      assertThat(ledger.positions()).extracting(Position::onHand).containsExactly(10L, 7L);
      assertThat(main().version()).isEqualTo(2);
    }

    @Test
    void shouldReportAStockLossThatLeavesOnHandBelowCommitted() throws Exception {
      ledger.send(
          received("s1", SKU, 10, at(0)),
          created("o1", "A-1", SKU, 8, at(1)),
          stock("s2", SKU, Pool.MAIN, StockKind.ADJUSTED, -5, null, at(2)),
          stock("s3", SKU, Pool.MAIN, StockKind.COUNTED, 4, null, at(3)));

      assertThat(main())
          .extracting(Position::onHand, Position::committed, Position::available)
          .containsExactly(4L, 8L, 0L);
      assertThat(ledger.incidents())
          .extracting(i -> i.cause(), i -> i.shortBy(), i -> i.detectedAt())
          .containsExactly(
              tuple(OversellCause.STOCK_LOSS, 3L, at(2)),
              tuple(OversellCause.STOCK_LOSS, 4L, at(3)));
    }

    @Test
    void shouldNotReportAnIncreaseWhileStillShort() throws Exception {
      ledger.send(
          created("o1", "A-1", SKU, 5, at(0)),
          stock("s1", SKU, Pool.MAIN, StockKind.ADJUSTED, 2, null, at(1)));

      assertThat(ledger.incidents())
          .extracting(i -> i.cause())
          .containsExactly(OversellCause.CHANNEL_ORDER);
    }

    @Test
    void shouldShipACommittedOrderOutOfOnHandAndCommitted() throws Exception {
      ledger.send(
          received("s1", SKU, 10, at(0)),
          hold("c1", SKU, "h1", 3, at(1)),
          checkout("c2", SKU, "h1", "W-1", 3, at(2)),
          shipped("s2", SKU, "W-1", 3, at(3)));

      assertThat(main())
          .extracting(Position::onHand, Position::held, Position::committed, Position::available)
          .containsExactly(7L, 0L, 0L, 7L);
    }

    @Test
    void shouldHoldAShipmentBackUntilItsOrderIsCommitted() throws Exception {
      ledger.send(received("s1", SKU, 10, at(0)), shipped("s2", SKU, "A-1", 2, at(1)));
      assertThat(main().onHand()).isEqualTo(10);

      ledger.send(created("o1", "A-1", SKU, 2, at(5)));

      assertThat(ledger.positions())
          .extracting(Position::onHand, Position::committed, Position::version)
          .containsExactly(tuple(10L, 0L, 1L), tuple(10L, 2L, 2L), tuple(8L, 0L, 3L));
    }

    @Test
    void shouldApplyAShipmentToOnHandAloneWhenItsOrderNeverCame() throws Exception {
      ledger.send(received("s1", SKU, 10, at(0)), shipped("s2", SKU, "LOST-1", 2, at(1)));

      ledger.watermark(at(1).plus(Duration.ofHours(23)));
      assertThat(main().onHand()).isEqualTo(10);

      ledger.watermark(at(1).plus(Duration.ofHours(24)).plusSeconds(60));
      assertThat(main()).extracting(Position::onHand, Position::committed).containsExactly(8L, 0L);
      assertThat(ledger.incidents()).isEmpty();
    }

    @Test
    void shouldKeepPoolsApart() throws Exception {
      ledger.send(
          stock("s1", SKU, Pool.FBA, StockKind.RECEIVED, 5, null, at(0)),
          received("s2", SKU, 3, at(1)),
          order("o1", "amazon-fba", "F-1", SKU, 2, OrderStatus.CREATED, Pool.FBA, at(2)));

      assertThat(ledger.position(SKU, Pool.FBA).orElseThrow())
          .extracting(Position::onHand, Position::committed, Position::available, Position::version)
          .containsExactly(5L, 2L, 3L, 2L);
      assertThat(main())
          .extracting(Position::onHand, Position::available, Position::version)
          .containsExactly(3L, 3L, 1L);
      assertThat(ledger.send(hold("c1", SKU, "h1", 4, at(3))).newDecisions())
          .extracting(Decision::status)
          .containsExactly(DecisionStatus.REJECTED);
    }
  }

  @Nested
  class Holds {

    @Test
    void shouldGrantAHoldOnlyFromFreeUnits() throws Exception {
      ledger.send(received("s1", SKU, 5, at(0)), hold("c1", SKU, "h1", 3, at(1)));
      Decision granted = only(ledger.newDecisions());
      assertThat(granted)
          .extracting(
              Decision::status,
              Decision::requestEventId,
              Decision::quantity,
              Decision::pool,
              Decision::expiresAt,
              Decision::decidedAt,
              Decision::ledgerVersion)
          .containsExactly(DecisionStatus.GRANTED, "c1", 3, Pool.MAIN, at(601), at(1), 2L);
      assertThat(main())
          .extracting(Position::held, Position::available, Position::version)
          .containsExactly(3L, 2L, 2L);

      Decision rejected = only(ledger.send(hold("c2", SKU, "h2", 3, at(2))).newDecisions());
      assertThat(rejected)
          .extracting(Decision::status, Decision::reason, Decision::ledgerVersion)
          .containsExactly(DecisionStatus.REJECTED, DecisionReason.INSUFFICIENT_STOCK, 2L);
      assertThat(main().version()).isEqualTo(2);
    }

    @Test
    void shouldExpireAHoldOnceTheWatermarkPassesItsExpiry() throws Exception {
      ledger.send(received("s1", SKU, 5, at(0)), hold("c1", SKU, "h1", 2, at(1))).newDecisions();

      ledger.watermark(at(600));
      assertThat(ledger.newDecisions()).isEmpty();

      ledger.watermark(at(601));
      Decision expired = only(ledger.newDecisions());
      assertThat(expired)
          .extracting(
              Decision::status,
              Decision::requestEventId,
              Decision::holdId,
              Decision::decidedAt,
              Decision::ledgerVersion)
          .containsExactly(DecisionStatus.EXPIRED, null, "h1", at(601), 3L);
      assertThat(main())
          .extracting(Position::held, Position::available, Position::updatedAt)
          .containsExactly(0L, 5L, at(601));
    }

    @Test
    void shouldExpireDueHoldsBeforeAnsweringALaterEvent() throws Exception {
      ledger.send(
          received("s1", SKU, 2, at(0)),
          hold("c1", SKU, "h1", 2, at(1)),
          hold("c2", SKU, "h2", 2, at(601)));

      assertThat(ledger.decisions())
          .extracting(Decision::holdId, Decision::status)
          .containsExactly(
              tuple("h1", DecisionStatus.GRANTED),
              tuple("h1", DecisionStatus.EXPIRED),
              tuple("h2", DecisionStatus.GRANTED));
    }

    @Test
    void shouldExpireHoldsOfDifferentTtlsInExpiryOrder() throws Exception {
      ledger.send(
          received("s1", SKU, 10, at(0)),
          sale("x1", "flash", SaleEventType.STARTED, List.of(), 60, at(10), at(3600), at(5)),
          hold("c1", SKU, "long", 1, at(1)),
          hold("c2", SKU, "short", 1, at(20)));
      ledger.newDecisions();

      ledger.watermark(at(700));

      assertThat(ledger.newDecisions())
          .extracting(Decision::holdId, Decision::decidedAt)
          .containsExactly(tuple("short", at(80)), tuple("long", at(601)));
    }

    @Test
    void shouldReleaseAHoldAtOnceAndRejectAReleaseOfAnEndedHold() throws Exception {
      ledger.send(
          received("s1", SKU, 5, at(0)),
          hold("c1", SKU, "h1", 2, at(1)),
          release("c2", SKU, "h1", at(2)),
          release("c3", SKU, "h1", at(3)),
          release("c4", SKU, "never", at(4)));

      assertThat(ledger.decisions())
          .extracting(
              Decision::requestEventId, Decision::status, Decision::reason, Decision::quantity)
          .containsExactly(
              tuple("c1", DecisionStatus.GRANTED, null, 2),
              tuple("c2", DecisionStatus.RELEASED, null, 2),
              tuple("c3", DecisionStatus.REJECTED, DecisionReason.UNKNOWN_HOLD, 1),
              tuple("c4", DecisionStatus.REJECTED, DecisionReason.UNKNOWN_HOLD, 1));
      assertThat(main().available()).isEqualTo(5);
    }

    @Test
    void shouldRejectASecondLiveHoldUnderTheSameHoldId() throws Exception {
      ledger.send(
          received("s1", SKU, 5, at(0)),
          hold("c1", SKU, "h1", 1, at(1)),
          hold("c2", SKU, "h1", 1, at(2)));

      assertThat(ledger.decisions())
          .extracting(Decision::status, Decision::reason, Decision::expiresAt)
          .containsExactly(
              tuple(DecisionStatus.GRANTED, null, at(601)),
              tuple(DecisionStatus.REJECTED, DecisionReason.HOLD_ALREADY_EXISTS, at(601)));
      assertThat(main().held()).isEqualTo(1);
    }

    @Test
    void shouldRejectCartEventsOnChannelsThatAreNotDirect() throws Exception {
      ledger.send(
          received("s1", SKU, 5, at(0)),
          cart("c1", CartEventType.HOLD_REQUESTED, "amazon", SKU, "h1", null, 1, at(1)),
          cart("c2", CartEventType.CHECKOUT_COMPLETED, "nowhere", SKU, "h2", "X", 1, at(2)));

      assertThat(ledger.decisions())
          .extracting(Decision::status, Decision::reason, Decision::pool)
          .containsOnly(tuple(DecisionStatus.REJECTED, DecisionReason.UNKNOWN_CHANNEL, Pool.MAIN));
      assertThat(main().version()).isEqualTo(1);
    }
  }

  @Nested
  class Checkouts {

    @Test
    void shouldCommitALiveHold() throws Exception {
      ledger.send(
          received("s1", SKU, 5, at(0)),
          hold("c1", SKU, "h1", 2, at(1)),
          checkout("c2", SKU, "h1", "W-1", 2, at(2)));

      Decision committed = ledger.decisions().get(1);
      assertThat(committed)
          .extracting(
              Decision::status,
              Decision::requestEventId,
              Decision::orderId,
              Decision::quantity,
              Decision::ledgerVersion)
          .containsExactly(DecisionStatus.COMMITTED, "c2", "W-1", 2, 3L);
      assertThat(main())
          .extracting(Position::held, Position::committed, Position::available)
          .containsExactly(0L, 2L, 3L);
    }

    @Test
    void shouldEmitExpiredBeforeCommittingAnExpiredHoldFromAvailableStock() throws Exception {
      ledger.send(
          received("s1", SKU, 5, at(0)),
          hold("c1", SKU, "h1", 2, at(1)),
          checkout("c2", SKU, "h1", "W-1", 2, at(601)));

      assertThat(ledger.decisions())
          .extracting(Decision::status, Decision::ledgerVersion, Decision::decidedAt)
          .containsExactly(
              tuple(DecisionStatus.GRANTED, 2L, at(1)),
              tuple(DecisionStatus.EXPIRED, 3L, at(601)),
              tuple(DecisionStatus.COMMITTED, 4L, at(601)));
    }

    @Test
    void shouldRejectACheckoutWithoutHoldWhenStockIsGone() throws Exception {
      ledger.send(
          received("s1", SKU, 2, at(0)),
          hold("c1", SKU, "h1", 2, at(1)),
          checkout("c2", SKU, "no-hold", "W-2", 1, at(2)));

      assertThat(ledger.decisions().get(1))
          .extracting(Decision::status, Decision::reason)
          .containsExactly(DecisionStatus.REJECTED, DecisionReason.INSUFFICIENT_STOCK);
      assertThat(main().committed()).isZero();
    }

    @Test
    void shouldRejectTheCheckoutAndReleaseTheHoldWhenAStockLossLeftItUncovered() throws Exception {
      ledger.send(
          received("s1", SKU, 4, at(0)),
          hold("c1", SKU, "h1", 2, at(1)),
          hold("c2", SKU, "h2", 2, at(2)),
          checkout("c3", SKU, "h1", "W-1", 2, at(3)),
          stock("s2", SKU, Pool.MAIN, StockKind.COUNTED, 2, null, at(4)),
          checkout("c4", SKU, "h2", "W-2", 2, at(5)));

      assertThat(ledger.decisions().subList(3, 5))
          .extracting(
              Decision::requestEventId, Decision::status, Decision::reason, Decision::holdId)
          .containsExactly(
              tuple("c4", DecisionStatus.REJECTED, DecisionReason.INSUFFICIENT_STOCK, "h2"),
              tuple("c4", DecisionStatus.RELEASED, DecisionReason.CHECKOUT_REJECTED, "h2"));
      assertThat(main())
          .extracting(Position::onHand, Position::held, Position::committed)
          .containsExactly(2L, 0L, 2L);
    }

    @Test
    void shouldTakeUnitsBeyondTheHoldOnlyFromFreeStock() throws Exception {
      ledger.send(
          received("s1", SKU, 3, at(0)),
          hold("c1", SKU, "h1", 1, at(1)),
          hold("c2", SKU, "h2", 1, at(2)),
          checkout("c3", SKU, "h1", "W-1", 3, at(3)),
          checkout("c4", SKU, "h1", "W-1", 2, at(4)));

      assertThat(ledger.decisions())
          .extracting(Decision::requestEventId, Decision::status)
          .containsExactly(
              tuple("c1", DecisionStatus.GRANTED),
              tuple("c2", DecisionStatus.GRANTED),
              tuple("c3", DecisionStatus.REJECTED),
              tuple("c3", DecisionStatus.RELEASED),
              tuple("c4", DecisionStatus.COMMITTED));
      assertThat(main()).extracting(Position::held, Position::committed).containsExactly(1L, 2L);
    }

    @Test
    void shouldRefuseASecondCheckoutOfACommittedHold() throws Exception {
      ledger.send(
          received("s1", SKU, 5, at(0)),
          hold("c1", SKU, "h1", 1, at(1)),
          checkout("c2", SKU, "h1", "W-1", 1, at(2)),
          checkout("c3", SKU, "h1", "W-1", 1, at(3)));

      assertThat(ledger.decisions().get(2))
          .extracting(Decision::status, Decision::reason)
          .containsExactly(DecisionStatus.REJECTED, DecisionReason.HOLD_ALREADY_COMMITTED);
      assertThat(main().committed()).isEqualTo(1);
    }
  }

  @Nested
  class MarketplaceOrders {

    @Test
    void shouldCommitAnOrderAndReportItOnceWhenStockCannotCoverIt() throws Exception {
      ledger.send(
          received("s1", SKU, 3, at(0)),
          created("o1", "A-1", SKU, 5, at(1)),
          created("o2", "A-1", SKU, 5, at(2)));

      assertThat(main())
          .extracting(Position::onHand, Position::committed, Position::available, Position::version)
          .containsExactly(3L, 5L, 0L, 2L);
      assertThat(ledger.incidents())
          .singleElement()
          .extracting(i -> i.channel(), i -> i.orderId(), i -> i.cause(), i -> i.shortBy())
          .containsExactly("amazon", "A-1", OversellCause.CHANNEL_ORDER, 2L);
    }

    @Test
    void shouldReturnTheUnitsOfACancelledOrder() throws Exception {
      ledger.send(
          received("s1", SKU, 5, at(0)),
          created("o1", "A-1", SKU, 3, at(1)),
          cancelled("o2", "A-1", SKU, 3, at(2)),
          cancelled("o3", "A-1", SKU, 3, at(3)));

      assertThat(ledger.positions()).extracting(Position::committed).containsExactly(0L, 3L, 0L);
    }

    @Test
    void shouldHoldACancellationBackUntilItsOrderArrives() throws Exception {
      ledger.send(
          received("s1", SKU, 5, at(0)),
          cancelled("o2", "A-1", SKU, 3, at(1)),
          created("o1", "A-1", SKU, 3, at(2)));

      assertThat(ledger.positions()).extracting(Position::committed).containsExactly(0L, 3L, 0L);
    }

    @Test
    void shouldApplyAnOrderFromAnUnconfiguredChannelUnderItsOwnId() throws Exception {
      ledger.send(
          received("s1", SKU, 5, at(0)),
          order("o1", "ebay", "E-1", SKU, 2, OrderStatus.CREATED, Pool.MAIN, at(1)));

      assertThat(main().committed()).isEqualTo(2);
    }
  }

  @Nested
  class Duplicates {

    @Test
    void shouldAnswerAReSentCartEventWithTheOriginalAnswerAndChangeNothing() throws Exception {
      ledger.send(received("s1", SKU, 5, at(0)), hold("c1", SKU, "h1", 2, at(1)));
      Decision original = only(ledger.newDecisions());
      ledger.newPositions();

      ledger.send(hold("c1", SKU, "h1", 2, at(1)));

      Decision repeated = only(ledger.newDecisions());
      assertThat(repeated.eventId()).isNotEqualTo(original.eventId());
      assertThat(repeated.duplicate()).isTrue();
      assertThat(repeated)
          .usingRecursiveComparison()
          .ignoringFields("eventId", "duplicate")
          .isEqualTo(original);
      assertThat(ledger.newPositions()).isEmpty();
      assertThat(main().held()).isEqualTo(2);
    }

    @Test
    void shouldRepeatBothDecisionsOfARejectedCheckout() throws Exception {
      ledger.send(
          received("s1", SKU, 1, at(0)),
          hold("c1", SKU, "h1", 1, at(1)),
          stock("s2", SKU, Pool.MAIN, StockKind.ADJUSTED, -1, null, at(2)),
          checkout("c2", SKU, "h1", "W-1", 1, at(3)));
      ledger.newDecisions();

      ledger.send(checkout("c2", SKU, "h1", "W-1", 1, at(3)));

      assertThat(ledger.newDecisions())
          .extracting(Decision::status, Decision::duplicate)
          .containsExactly(
              tuple(DecisionStatus.REJECTED, true), tuple(DecisionStatus.RELEASED, true));
    }

    @Test
    void shouldIgnoreReSentStockMovementsAndOrders() throws Exception {
      ledger.send(
          received("s1", SKU, 5, at(0)),
          received("s1", SKU, 5, at(0)),
          created("o1", "A-1", SKU, 2, at(1)),
          created("o1", "A-1", SKU, 2, at(1)),
          created("o1-resent-by-amazon", "A-1", SKU, 2, at(9)));

      assertThat(ledger.positions())
          .extracting(Position::onHand, Position::committed)
          .containsExactly(tuple(5L, 0L), tuple(5L, 2L));
    }

    @Test
    void shouldRecogniseDuplicatesForAtLeastTheHorizonAndForgetThemAfterTwo() throws Exception {
      try (LedgerHarness shortHorizon =
          new LedgerHarness(new LedgerPolicy(TTL, Duration.ofHours(1), Duration.ofHours(1)))) {
        shortHorizon.send(received("s1", SKU, 5, at(0)));

        shortHorizon.watermark(at(3600)).send(received("s1", SKU, 5, at(0)));
        assertThat(shortHorizon.positions()).hasSize(1);

        shortHorizon.watermark(at(3 * 3600));
        assertThat(shortHorizon.keyedStateEntries())
            .as("only the balances and the allocation remain")
            .isEqualTo(2);
      }
    }
  }

  @Nested
  class Sales {

    @Test
    void shouldUseTheTtlOfTheSaleInEffectForTheChannelSkuAndTime() throws Exception {
      ledger.send(
          received("s1", SKU, 10, at(0)),
          sale("x1", "flash", SaleEventType.SCHEDULED, List.of(SKU), 120, at(100), at(200), at(0)),
          hold("c1", SKU, "before", 1, at(99)),
          hold("c2", SKU, "during", 1, at(100)),
          hold("c3", SKU, "after", 1, at(200)),
          cart("c4", CartEventType.HOLD_REQUESTED, "web", "SKU-2", "other-sku", null, 1, at(150)));

      assertThat(ledger.decisions())
          .filteredOn(d -> d.status() == DecisionStatus.GRANTED)
          .extracting(Decision::holdId, Decision::expiresAt)
          .containsExactly(
              tuple("before", at(699)), tuple("during", at(220)), tuple("after", at(800)));
    }

    @Test
    void shouldCarryTheTtlForwardToStartedAndDropItWhenCancelled() throws Exception {
      ledger.send(
          received("s1", SKU, 10, at(0)),
          sale("x1", "flash", SaleEventType.SCHEDULED, List.of(), 120, at(100), at(200), at(0)),
          sale("x2", "flash", SaleEventType.STARTED, List.of(), null, at(90), at(200), at(90)),
          hold("c1", SKU, "started-early", 1, at(95)),
          sale("x3", "flash", SaleEventType.CANCELLED, List.of(), null, at(90), at(200), at(96)),
          hold("c2", SKU, "cancelled", 1, at(97)));

      assertThat(ledger.decisions())
          .extracting(Decision::holdId, Decision::expiresAt)
          .containsExactly(tuple("started-early", at(215)), tuple("cancelled", at(697)));
    }
  }

  @Nested
  class StateLifecycle {

    @Test
    void shouldLeaveOnlyTheBalancesOnceHoldsHaveEndedAndTimeHasPassed() throws Exception {
      try (LedgerHarness shortHorizon =
          new LedgerHarness(new LedgerPolicy(TTL, Duration.ofHours(1), Duration.ofHours(1)))) {
        shortHorizon.send(
            received("s1", SKU, 10, at(0)),
            hold("c1", SKU, "committed", 1, at(1)),
            hold("c2", SKU, "released", 1, at(2)),
            hold("c3", SKU, "expired", 1, at(3)),
            checkout("c4", SKU, "committed", "W-1", 1, at(4)),
            release("c5", SKU, "released", at(5)),
            shipped("s2", SKU, "W-1", 1, at(6)));

        shortHorizon.watermark(at(700));
        assertThat(shortHorizon.decisions())
            .extracting(Decision::status)
            .contains(DecisionStatus.EXPIRED);

        shortHorizon.watermark(at(4 * 3600));
        assertThat(shortHorizon.keyedStateEntries())
            .as("only the balances and the allocation remain")
            .isEqualTo(2);
        assertThat(shortHorizon.eventTimeTimers()).as("the next scheduled rebalance").isEqualTo(1);
        Position last = shortHorizon.position(SKU, Pool.MAIN).orElseThrow();
        assertThat(last)
            .extracting(Position::onHand, Position::held, Position::committed)
            .containsExactly(9L, 0L, 0L);
      }
    }

    @Test
    void shouldKeepDecisionVersionsInStepWithPositions() throws Exception {
      ledger.send(
          received("s1", SKU, 5, at(0)),
          hold("c1", SKU, "h1", 1, at(1)),
          hold("c2", SKU, "h2", 1, at(2)),
          release("c3", SKU, "h1", at(3)),
          checkout("c4", SKU, "h2", "W-1", 1, at(4)));

      List<Long> versions = ledger.positions().stream().map(Position::version).toList();
      assertThat(versions).containsExactly(1L, 2L, 3L, 4L, 5L);
      assertThat(ledger.decisions())
          .extracting(Decision::ledgerVersion)
          .containsExactly(2L, 3L, 4L, 5L);
    }

    @Test
    void shouldSurviveASnapshotAndRestore() throws Exception {
      ledger.send(received("s1", SKU, 5, at(0)), hold("c1", SKU, "h1", 2, at(1)));
      ledger.newDecisions();

      ledger.restart().send(hold("c1", SKU, "h1", 2, at(1))).watermark(at(601));

      assertThat(ledger.newDecisions())
          .extracting(Decision::status, Decision::duplicate, Decision::ledgerVersion)
          .containsExactly(
              tuple(DecisionStatus.GRANTED, true, 2L), tuple(DecisionStatus.EXPIRED, null, 3L));
      assertThat(ledger.position(SKU, Pool.MAIN).orElseThrow().available()).isEqualTo(5);
    }

    @Test
    void shouldStampAnExpiryWithTheHoldsExpiryNotTheWatermark() throws Exception {
      Instant grantedAt = at(1);
      ledger.send(received("s1", SKU, 5, at(0)), hold("c1", SKU, "h1", 1, grantedAt));
      ledger.watermark(at(10_000));
      assertThat(main().updatedAt()).isEqualTo(grantedAt.plus(TTL));
    }
  }
}
