package io.flashsale.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashsale.events.CartEvent;
import io.flashsale.events.CartEventType;
import io.flashsale.events.Decision;
import io.flashsale.events.DecisionReason;
import io.flashsale.events.DecisionStatus;
import io.flashsale.events.OversellIncident;
import io.flashsale.events.Position;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The contract's invariants, checked on what read_committed consumers read from the inventory job's
 * topics after a {@link FlashSaleScenario}: decisions and positions in the order they were read,
 * which per SKU (decisions) and per SKU and pool (positions) is the order they were written.
 */
public final class LedgerInvariants {

  private LedgerInvariants() {}

  /**
   * Invariant 3, and nothing lost: every distinct cart event is answered once, with one of the
   * answers the contract allows for its type (so no two answers to a request contradict each
   * other), and each re-send gets that answer again, marked duplicate.
   */
  public static void assertEveryCartEventAnsweredOnce(List<CartEvent> sent, List<Decision> read) {
    Map<String, Long> sends =
        sent.stream().collect(Collectors.groupingBy(CartEvent::eventId, Collectors.counting()));
    Map<String, CartEventType> types =
        sent.stream().collect(Collectors.toMap(CartEvent::eventId, CartEvent::type, (a, b) -> a));
    Map<String, List<Decision>> originals = new HashMap<>();
    Map<String, List<Decision>> duplicates = new HashMap<>();
    for (Decision decision : read) {
      if (decision.requestEventId() != null) {
        (Boolean.TRUE.equals(decision.duplicate()) ? duplicates : originals)
            .computeIfAbsent(decision.requestEventId(), id -> new ArrayList<>())
            .add(decision);
      }
    }
    assertThat(originals.keySet()).as("the cart events answered").isEqualTo(sends.keySet());
    originals.forEach(
        (eventId, answer) -> {
          assertThat(answer.stream().map(LedgerInvariants::shape).toList())
              .as("the answer to %s %s", types.get(eventId), eventId)
              .isIn(allowedAnswers(types.get(eventId)));
          List<Decision> repeated = duplicates.getOrDefault(eventId, List.of());
          assertThat(repeated)
              .as("repeated answers to %s, sent %d times", eventId, sends.get(eventId))
              .hasSize(answer.size() * (int) (sends.get(eventId) - 1));
          for (int i = 0; i < repeated.size(); i++) {
            // Equal in every field but eventId and the duplicate flag.
            assertThat(repeated.get(i).asDuplicate(""))
                .isEqualTo(answer.get(i % answer.size()).asDuplicate(""));
          }
        });
  }

  /**
   * Invariant 2 for holds, while the sale may still run: a hold is granted at most once, and a
   * granted hold ends (COMMITTED, RELEASED or EXPIRED) at most once. A checkout that comes after
   * its hold was released or expired commits from free stock; that is not a second end.
   *
   * @return the holds granted, each with how it ended, or null while it lives
   */
  public static Map<String, DecisionStatus> assertEveryGrantEndsAtMostOnce(List<Decision> read) {
    Map<String, DecisionStatus> ends = new HashMap<>();
    Set<String> committedAfterEnd = new HashSet<>();
    for (Decision d : read) {
      if (d.duplicate() != null || d.holdId() == null) {
        continue;
      }
      String hold = d.holdId();
      switch (d.status()) {
        case GRANTED -> {
          assertThat(ends).as("hold %s granted twice", hold).doesNotContainKey(hold);
          ends.put(hold, null);
        }
        case COMMITTED, RELEASED, EXPIRED -> {
          if (!ends.containsKey(hold)) {
            assertThat(d.status())
                .as("%s of hold %s, never granted", d.status(), hold)
                .isEqualTo(DecisionStatus.COMMITTED);
          } else if (ends.get(hold) == null) {
            ends.put(hold, d.status());
          } else {
            // After a release or an expiry, a checkout of the hold commits from free stock, once.
            boolean checkoutFromStock =
                ends.get(hold) != DecisionStatus.COMMITTED
                    && d.status() == DecisionStatus.COMMITTED
                    && committedAfterEnd.add(hold);
            assertThat(checkoutFromStock)
                .as("hold %s ended %s, then %s", hold, ends.get(hold), d.status())
                .isTrue();
          }
        }
        default -> {}
      }
    }
    return ends;
  }

  /** Invariant 2 for holds once the sale is over: every granted hold has ended, exactly once. */
  public static Map<String, DecisionStatus> assertEveryGrantEndedExactlyOnce(List<Decision> read) {
    Map<String, DecisionStatus> ends = assertEveryGrantEndsAtMostOnce(read);
    assertThat(ends.entrySet().stream().filter(e -> e.getValue() == null).map(Map.Entry::getKey))
        .as("granted holds that never ended")
        .isEmpty();
    return ends;
  }

  /** Invariant 1: no position read ever commits more than is on hand, and no incident. */
  public static void assertNeverOversold(List<Position> read, List<OversellIncident> incidents) {
    assertThat(read)
        .as("positions with more committed than on hand")
        .allSatisfy(
            p -> assertThat(p.committed()).as(p.toString()).isLessThanOrEqualTo(p.onHand()));
    assertThat(incidents).as("oversell incidents").isEmpty();
  }

  /**
   * Invariant 4: each position's versions are read as 1, 2, 3, ... (none lost, repeated or taken
   * back), and the versions the decisions of a SKU carry never go back.
   */
  public static void assertVersionsOnlyIncrease(List<Position> positions, List<Decision> read) {
    Map<String, Long> last = new HashMap<>();
    for (Position p : positions) {
      long previous = last.getOrDefault(p.key(), 0L);
      assertThat(p.version())
          .as("version of %s after %d", p.key(), previous)
          .isEqualTo(previous + 1);
      last.put(p.key(), p.version());
    }
    Map<String, Long> decided = new HashMap<>();
    for (Decision d : read) {
      if (d.duplicate() == null) {
        String key = d.sku() + "|" + d.pool();
        long previous = decided.getOrDefault(key, 0L);
        assertThat(d.ledgerVersion())
            .as("ledger version of %s", d)
            .isGreaterThanOrEqualTo(previous);
        decided.put(key, d.ledgerVersion());
      }
    }
  }

  /**
   * Invariant 2 for stock, and what the decisions add up to: each position ends with the units the
   * scenario received less those it shipped; a warm SKU's committed units are its marketplace
   * orders less cancellations and shipments; a hot SKU's are its committed checkouts, and its held
   * units are those of the holds still live.
   */
  public static void assertEndState(
      FlashSaleScenario scenario, Map<String, Position> last, List<Decision> read) {
    for (String sku : FlashSaleScenario.HOT_SKUS) {
      Position position = last.get(sku + "|MAIN");
      assertThat(position.onHand()).as("%s on hand", sku).isEqualTo(scenario.hotStock);
      assertThat(position.held()).as("%s held", sku).isEqualTo(liveHeldUnits(read, sku));
      assertThat(position.committed()).as("%s committed", sku).isEqualTo(committedUnits(read, sku));
    }
    scenario.warmExpectations.forEach(
        (key, expected) ->
            assertThat(last.get(key))
                .as(key)
                .extracting(Position::onHand, Position::committed)
                .containsExactly(expected[0], expected[1]));
  }

  /** The latest read position of every SKU and pool, keyed {@code sku|pool}. */
  public static Map<String, Position> lastPositions(List<Position> positions) {
    return positions.stream()
        .collect(
            Collectors.toMap(
                Position::key, Function.identity(), (a, b) -> b.version() > a.version() ? b : a));
  }

  /** The cart events answered so far. */
  public static Set<String> answeredRequests(List<Decision> read) {
    return read.stream()
        .map(Decision::requestEventId)
        .filter(id -> id != null)
        .collect(Collectors.toSet());
  }

  /** Units of the holds on {@code sku} granted and not ended. */
  public static long liveHeldUnits(List<Decision> read, String sku) {
    return liveHolds(read).values().stream()
        .filter(grant -> grant.sku().equals(sku))
        .mapToLong(Decision::quantity)
        .sum();
  }

  /** The grants of the holds not ended, by hold id. */
  public static Map<String, Decision> liveHolds(List<Decision> read) {
    Map<String, Decision> live = new HashMap<>();
    for (Decision d : read) {
      if (d.duplicate() != null) {
        continue;
      }
      switch (d.status()) {
        case GRANTED -> live.put(d.holdId(), d);
        case RELEASED, EXPIRED, COMMITTED -> live.remove(d.holdId());
        default -> {}
      }
    }
    return live;
  }

  /** Units committed by checkouts on {@code sku}. */
  public static long committedUnits(List<Decision> read, String sku) {
    return read.stream()
        .filter(d -> d.sku().equals(sku) && d.duplicate() == null)
        .filter(d -> d.status() == DecisionStatus.COMMITTED)
        .mapToLong(Decision::quantity)
        .sum();
  }

  /** A decision as the contract's answer shapes name it: its status, and a release's reason. */
  private static String shape(Decision d) {
    return d.status() == DecisionStatus.RELEASED && d.reason() == DecisionReason.CHECKOUT_REJECTED
        ? "RELEASED CHECKOUT_REJECTED"
        : d.status().name();
  }

  private static List<List<String>> allowedAnswers(CartEventType type) {
    return switch (type) {
      case HOLD_REQUESTED -> List.of(List.of("GRANTED"), List.of("REJECTED"));
      case HOLD_RELEASED -> List.of(List.of("RELEASED"), List.of("REJECTED"));
      // A live hold that cannot be committed (only with overbooking) ends with the rejection.
      case CHECKOUT_COMPLETED ->
          List.of(
              List.of("COMMITTED"),
              List.of("REJECTED"),
              List.of("REJECTED", "RELEASED CHECKOUT_REJECTED"));
    };
  }
}
