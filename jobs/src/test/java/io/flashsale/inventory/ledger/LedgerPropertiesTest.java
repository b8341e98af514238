package io.flashsale.inventory.ledger;

import static io.flashsale.inventory.LedgerEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.flashsale.events.CartEvent;
import io.flashsale.events.CartEventType;
import io.flashsale.events.Decision;
import io.flashsale.events.DecisionReason;
import io.flashsale.events.DecisionStatus;
import io.flashsale.events.MarketplaceOrder;
import io.flashsale.events.OrderStatus;
import io.flashsale.events.OversellCause;
import io.flashsale.events.OversellIncident;
import io.flashsale.events.Pool;
import io.flashsale.events.Position;
import io.flashsale.events.SaleEvent;
import io.flashsale.events.SaleEventType;
import io.flashsale.events.StockKind;
import io.flashsale.events.StockMovement;
import io.flashsale.inventory.LedgerEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The contract's invariants over random interleavings of every kind of ledger event, re-sent
 * events, out-of-order event times and watermarks, checked after every step:
 *
 * <ol>
 *   <li>no oversell from the ledger's own decisions: a grant leaves held + committed within
 *       on-hand, a commit leaves committed within on-hand, and no cart event or expiry reports an
 *       incident;
 *   <li>conservation: on-hand and committed equal what the movements, orders and commits add up to
 *       (a small model tracks them), held equals the live holds, and every granted hold ends
 *       exactly once;
 *   <li>exactly-once effect: the same events with copies re-sent, across a snapshot and restore,
 *       give the same decisions and positions;
 *   <li>the per-customer hold limit: no customer or device ever holds more than it, and no hold is
 *       refused for it unless granting would have gone over it.
 * </ol>
 *
 * <p>The invariants are checked again with ten times as many re-sent and out-of-order events.
 */
class LedgerPropertiesTest {

  private static final int HOLD_LIMIT = 3;
  private static final LedgerPolicy POLICY =
      new LedgerPolicy(
          Duration.ofSeconds(60), Duration.ofDays(1), Duration.ofMinutes(5), HOLD_LIMIT);
  private static final int MAX_STEPS = 70;
  private static final List<String> SKUS = List.of("A", "B");

  /** One step: an input event, a re-send of an earlier one, a watermark, or a restart. */
  record Step(Object event, Integer resendOf, Instant watermark, boolean restart) {

    Step(Object event, Integer resendOf, Instant watermark) {
      this(event, resendOf, watermark, false);
    }
  }

  @Property(tries = 300)
  void shouldKeepEveryInvariantAfterEveryStep(@ForAll("scenarios") List<Step> scenario)
      throws Exception {
    checkEveryStep(scenario);
  }

  @Property(tries = 100)
  void shouldKeepEveryInvariantWithTenTimesTheResentAndOutOfOrderEvents(
      @ForAll("turbulentScenarios") List<Step> scenario) throws Exception {
    checkEveryStep(scenario);
  }

  private static void checkEveryStep(List<Step> scenario) throws Exception {
    Model model = new Model();
    try (LedgerHarness ledger = new LedgerHarness(POLICY)) {
      List<Object> sent = new ArrayList<>();
      for (Step step : scenario) {
        Object event = resolve(step, sent);
        boolean resend = step.resendOf() != null;
        if (step.restart()) {
          // A restored operator starts without a watermark, as after a crash.
          ledger.restart();
          model.watermark = Long.MIN_VALUE;
          continue;
        }
        if (resend && event == null) {
          continue;
        }
        int incidentsBefore = ledger.incidents().size();
        if (event != null) {
          ledger.send(event);
        } else {
          ledger.watermark(step.watermark());
        }
        List<Decision> decisions = ledger.newDecisions();
        List<Position> positions = ledger.newPositions();

        List<OversellIncident> incidents =
            ledger.incidents().subList(incidentsBefore, ledger.incidents().size());
        if (resend) {
          assertThat(incidents).as("a re-sent event reports nothing").isEmpty();
        } else if (event == null || event instanceof CartEvent) {
          // Only a shipment may surface here: one beyond its order, or one whose order never came.
          assertThat(incidents)
              .as("no incident from a hold, a checkout or an expiry")
              .allMatch(i -> i.cause() == OversellCause.STOCK_LOSS && i.orderId() != null);
        }
        if (resend) {
          assertThat(positions).as("a re-sent event changes no position").isEmpty();
          assertThat(decisions).allMatch(d -> Boolean.TRUE.equals(d.duplicate()));
        } else {
          model.apply(event, step.watermark(), decisions);
        }
        model.checkAgainst(ledger, positions);
      }
      ledger.watermark(at(100_000));
      model.apply(null, at(100_000), ledger.newDecisions());
      model.checkAgainst(ledger, ledger.newPositions());
      assertThat(model.liveHolds).as("every granted hold has ended").isEmpty();
    }
  }

  @Property(tries = 100)
  void shouldGiveTheSameResultsWhenEventsAreReSent(@ForAll("scenarios") List<Step> scenario)
      throws Exception {
    List<Object> inputs = new ArrayList<>();
    List<Object> sent = new ArrayList<>();
    for (Step step : scenario) {
      if (step.resendOf() == null && !step.restart()) {
        Object event = resolve(step, sent);
        inputs.add(event != null ? event : step.watermark());
      }
    }
    List<Object> withCopies = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      withCopies.add(inputs.get(i));
      if (!(inputs.get(i) instanceof Instant) && i % 3 == 0) {
        withCopies.add(inputs.get(i));
      }
      Object earlier = inputs.get(i / 2);
      if (i % 5 == 4 && !(earlier instanceof Instant)) {
        withCopies.add(earlier);
      }
    }

    Outcome once = run(inputs);
    Outcome withDuplicates = run(withCopies);

    assertThat(withDuplicates.decisions()).isEqualTo(once.decisions());
    assertThat(withDuplicates.positions()).isEqualTo(once.positions());
    assertThat(withDuplicates.incidents()).isEqualTo(once.incidents());
  }

  /** What one run emitted: decisions without their eventIds and without duplicates. */
  record Outcome(
      List<Decision> decisions, List<Position> positions, List<OversellIncident> incidents) {}

  private static Outcome run(List<Object> inputs) throws Exception {
    try (LedgerHarness ledger = new LedgerHarness(POLICY)) {
      for (Object input : inputs) {
        if (input instanceof Instant watermark) {
          ledger.watermark(watermark);
        } else {
          ledger.send(input);
        }
      }
      ledger.watermark(at(100_000));
      List<Decision> decisions =
          ledger.decisions().stream()
              .filter(d -> d.duplicate() == null)
              .map(LedgerPropertiesTest::withoutEventId)
              .toList();
      return new Outcome(decisions, ledger.positions(), ledger.incidents());
    }
  }

  private static Decision withoutEventId(Decision d) {
    return new Decision(
        null,
        d.requestEventId(),
        d.holdId(),
        d.orderId(),
        d.sku(),
        d.pool(),
        d.channel(),
        d.quantity(),
        d.status(),
        d.reason(),
        d.expiresAt(),
        d.ledgerVersion(),
        d.decidedAt(),
        d.duplicate());
  }

  private static Object resolve(Step step, List<Object> sent) {
    if (step.resendOf() != null) {
      return sent.isEmpty() ? null : sent.get(step.resendOf() % sent.size());
    }
    if (step.event() != null) {
      sent.add(step.event());
    }
    return step.event();
  }

  // ---- the model of conservation ----

  /** What on-hand, committed and held must be, from the inputs and the ledger's own decisions. */
  private static final class Model {
    final Map<String, Long> onHand = new HashMap<>();
    final Map<String, Long> committed = new HashMap<>();
    final Map<String, Integer> liveHolds = new HashMap<>();

    /** The request that was granted, by live hold: its customer and device hold the units. */
    final Map<String, CartEvent> grantedRequests = new HashMap<>();

    final Map<String, Integer> orderUnits = new HashMap<>();
    final Map<String, Pool> openOrders = new HashMap<>();
    final Map<String, Set<String>> appliedOrderEvents = new HashMap<>();
    final Map<String, List<Object[]>> parked = new HashMap<>();

    /** Watermarks never go back: a lower one changes nothing, the next higher one fires timers. */
    long watermark = Long.MIN_VALUE;

    void apply(Object event, Instant watermark, List<Decision> decisions) {
      if (event instanceof StockMovement movement) {
        String key = key(movement.sku(), movement.pool());
        switch (movement.kind()) {
          case RECEIVED, RETURNED, ADJUSTED -> add(onHand, key, movement.quantity());
          case COUNTED -> onHand.put(key, (long) movement.quantity());
          case SHIPPED -> {
            String order = movement.sku() + "/" + movement.pool() + "/" + movement.orderId();
            if (openOrders.containsKey(order)) {
              ship(order, movement.sku(), movement.pool(), movement.quantity());
            } else {
              park(
                  order,
                  "SHIP",
                  movement.sku(),
                  movement.pool(),
                  movement.quantity(),
                  movement.occurredAt());
            }
          }
        }
      }
      if (event instanceof MarketplaceOrder order
          && appliedOrderEvents
              .computeIfAbsent(
                  order.sku() + "/" + order.pool() + "/" + order.orderId(), o -> new HashSet<>())
              .add(order.channel() + "/" + order.status())) {
        String id = order.sku() + "/" + order.pool() + "/" + order.orderId();
        if (order.status() == OrderStatus.CREATED) {
          open(id, order.sku(), order.pool(), order.quantity());
        } else if (openOrders.containsKey(id)) {
          cancel(id, order.sku(), order.quantity());
        } else {
          park(id, "CANCEL", order.sku(), order.pool(), order.quantity(), order.occurredAt());
        }
      }
      for (Decision decision : decisions) {
        String hold = decision.sku() + "/" + decision.holdId();
        switch (decision.status()) {
          case GRANTED -> {
            assertThat(liveHolds.put(hold, decision.quantity()))
                .as("a hold is granted while live")
                .isNull();
            CartEvent request = (CartEvent) event;
            grantedRequests.put(hold, request);
            assertWithinHoldLimit(request);
          }
          case RELEASED, EXPIRED -> {
            assertThat(liveHolds.remove(hold))
                .as("%s ends a live hold exactly once", decision.status())
                .isNotNull();
            grantedRequests.remove(hold);
          }
          case COMMITTED -> {
            liveHolds.remove(hold);
            grantedRequests.remove(hold);
            open(
                decision.sku() + "/MAIN/" + decision.orderId(),
                decision.sku(),
                Pool.MAIN,
                decision.quantity());
          }
          case REJECTED -> {
            if (decision.reason() == DecisionReason.HOLD_LIMIT) {
              assertThat(overHoldLimit((CartEvent) event))
                  .as("%s refused for the hold limit only when over it", decision.holdId())
                  .isTrue();
            }
          }
        }
      }
      if (watermark != null && watermark.toEpochMilli() > this.watermark) {
        this.watermark = watermark.toEpochMilli();
        // Waiting shipments apply on their own once the order wait has passed.
        for (Map.Entry<String, List<Object[]>> waiting : parked.entrySet()) {
          waiting
              .getValue()
              .removeIf(
                  p -> {
                    Instant due = (Instant) p[4];
                    long deadline = ceilToMinute(due.plus(POLICY.orderWait()).toEpochMilli());
                    if (deadline > this.watermark) {
                      return false;
                    }
                    if (p[0].equals("SHIP")) {
                      add(onHand, key((String) p[1], (Pool) p[2]), -(Integer) p[3]);
                    }
                    return true;
                  });
          // An order that never came and has nothing left waiting is forgotten, as the ledger does.
          if (waiting.getValue().isEmpty() && !openOrders.containsKey(waiting.getKey())) {
            appliedOrderEvents.remove(waiting.getKey());
          }
        }
      }
    }

    /** What the request's customer and device hold of its SKU, its own hold included. */
    private void assertWithinHoldLimit(CartEvent request) {
      assertThat(heldBy(request, true))
          .as("units of %s held by customer %s", request.sku(), request.customerId())
          .isLessThanOrEqualTo(HOLD_LIMIT);
      assertThat(heldBy(request, false))
          .as("units of %s held on device %s", request.sku(), request.deviceId())
          .isLessThanOrEqualTo(HOLD_LIMIT);
    }

    private boolean overHoldLimit(CartEvent request) {
      int units = request.quantity();
      return heldBy(request, true) + units > HOLD_LIMIT
          || (request.deviceId() != null && heldBy(request, false) + units > HOLD_LIMIT);
    }

    /** The live units of the request's SKU held by its customer, or by its device. */
    private int heldBy(CartEvent request, boolean byCustomer) {
      if (!byCustomer && request.deviceId() == null) {
        return 0;
      }
      int units = 0;
      for (CartEvent granted : grantedRequests.values()) {
        boolean same =
            byCustomer
                ? granted.customerId().equals(request.customerId())
                : request.deviceId().equals(granted.deviceId());
        if (same && granted.sku().equals(request.sku())) {
          units += granted.quantity();
        }
      }
      return units;
    }

    void checkAgainst(LedgerHarness ledger, List<Position> changed) {
      for (Position position : changed) {
        assertThat(position.available())
            .isEqualTo(Math.max(0, position.onHand() - position.committed() - position.held()));
        assertThat(position.committed()).isNotNegative();
        assertThat(position.held()).isNotNegative();
      }
      for (String sku : SKUS) {
        for (Pool pool : Pool.values()) {
          long expectedHeld =
              pool == Pool.FBA
                  ? 0
                  : liveHolds.entrySet().stream()
                      .filter(e -> e.getKey().startsWith(sku + "/"))
                      .mapToLong(Map.Entry::getValue)
                      .sum();
          Position position = ledger.position(sku, pool).orElse(null);
          long held = position == null ? 0 : position.held();
          long units = position == null ? 0 : position.onHand();
          long promised = position == null ? 0 : position.committed();
          assertThat(units)
              .as("on-hand of %s %s", sku, pool)
              .isEqualTo(onHand.getOrDefault(key(sku, pool), 0L));
          assertThat(promised)
              .as("committed of %s %s", sku, pool)
              .isEqualTo(committed.getOrDefault(key(sku, pool), 0L));
          assertThat(held).as("held of %s %s", sku, pool).isEqualTo(expectedHeld);
        }
      }
      checkDecisionsCannotOversell(ledger);
    }

    private void checkDecisionsCannotOversell(LedgerHarness ledger) {
      Map<String, Position> byVersion = new HashMap<>();
      for (Position position : ledger.positions()) {
        byVersion.put(position.sku() + "/" + position.pool() + "/" + position.version(), position);
      }
      for (Decision decision : ledger.decisions()) {
        Position after = byVersion.get(decision.sku() + "/MAIN/" + decision.ledgerVersion());
        if (decision.status() == DecisionStatus.GRANTED) {
          assertThat(after.held() + after.committed()).isLessThanOrEqualTo(after.onHand());
        }
        if (decision.status() == DecisionStatus.COMMITTED) {
          assertThat(after.committed()).isLessThanOrEqualTo(after.onHand());
        }
      }
    }

    private void open(String order, String sku, Pool pool, int quantity) {
      openOrders.put(order, pool);
      add(orderUnits, order, quantity);
      add(committed, key(sku, pool), quantity);
      List<Object[]> waiting = parked.getOrDefault(order, new ArrayList<>());
      waiting.removeIf(
          p -> {
            if (p[2] != pool) {
              return false;
            }
            if (p[0].equals("SHIP")) {
              ship(order, sku, pool, (Integer) p[3]);
            } else {
              cancel(order, sku, (Integer) p[3]);
            }
            return true;
          });
    }

    private void ship(String order, String sku, Pool pool, int quantity) {
      int fromOrder = Math.min(quantity, orderUnits.getOrDefault(order, 0));
      add(onHand, key(sku, pool), -quantity);
      add(committed, key(sku, pool), -fromOrder);
      add(orderUnits, order, -fromOrder);
    }

    private void cancel(String order, String sku, int quantity) {
      int units = Math.min(quantity, orderUnits.getOrDefault(order, 0));
      add(committed, key(sku, openOrders.get(order)), -units);
      add(orderUnits, order, -units);
    }

    private void park(String order, String kind, String sku, Pool pool, int quantity, Instant at) {
      parked
          .computeIfAbsent(order, o -> new ArrayList<>())
          .add(new Object[] {kind, sku, pool, quantity, at});
    }

    private static String key(String sku, Pool pool) {
      return sku + "/" + pool;
    }

    private static <K> void add(Map<K, Long> sums, K key, long delta) {
      sums.merge(key, delta, Long::sum);
    }

    private static void add(Map<String, Integer> sums, String key, int delta) {
      sums.merge(key, delta, Integer::sum);
    }

    private static long ceilToMinute(long time) {
      return Math.floorDiv(time + 59_999, 60_000) * 60_000;
    }
  }

  // ---- generators ----

  /** A generated step before it is laid out in time: its kind, five dice, and a time gap. */
  record Spec(int kind, List<Integer> dice, int gap) {}

  @Provide
  Arbitrary<List<Step>> scenarios() {
    // About one step in ten re-sends an event; one event in seven is 3 s late.
    return specs().map(specs -> timeline(specs, spec -> spec.gap() % 7 == 0 ? 3 : 0));
  }

  /**
   * The same scenarios with ten times the disorder: every step is followed by about one re-send,
   * and every event is up to 30 s late, so most arrive after events that happened later.
   */
  @Provide
  Arbitrary<List<Step>> turbulentScenarios() {
    return Combinators.combine(
            specs(), Arbitraries.integers().between(0, 1000).list().ofSize(MAX_STEPS))
        .as(
            (specs, dice) ->
                withResends(
                    timeline(specs, spec -> (spec.gap() * 7 + spec.dice().get(1)) % 31), dice));
  }

  private static Arbitrary<List<Spec>> specs() {
    Arbitrary<Spec> spec =
        Combinators.combine(
                Arbitraries.integers().between(0, 18),
                Arbitraries.integers().between(0, 1000).list().ofSize(5),
                Arbitraries.integers().between(0, 40))
            .as(Spec::new);
    return spec.list().ofMinSize(5).ofMaxSize(MAX_STEPS);
  }

  /** After each step, 0 to 2 re-sends of earlier events, as the dice say. */
  private static List<Step> withResends(List<Step> steps, List<Integer> dice) {
    List<Step> withCopies = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      withCopies.add(steps.get(i));
      int roll = dice.get(i);
      for (int copy = 0; copy < roll % 3; copy++) {
        withCopies.add(new Step(null, roll * 31 + copy * 17, null));
      }
    }
    return withCopies;
  }

  /**
   * Lays the generated steps out in event time: forward by each step's gap, less the seconds {@code
   * lateness} gives the step.
   */
  private static List<Step> timeline(List<Spec> specs, ToDoubleFunction<Spec> lateness) {
    List<Step> steps = new ArrayList<>();
    double clock = 0;
    int id = 0;
    for (Spec spec : specs) {
      clock += spec.gap();
      double time = clock - lateness.applyAsDouble(spec);
      List<Integer> n = spec.dice();
      String eventId = "e" + id++;
      String sku = SKUS.get(n.get(0) % SKUS.size());
      String holdId = "h" + n.get(1) % 5;
      String orderId = "o" + n.get(2) % 4;
      int quantity = 1 + n.get(3) % 3;
      Pool pool = n.get(4) % 4 == 0 ? Pool.FBA : Pool.MAIN;
      String marketplace = n.get(4) % 2 == 0 ? "amazon" : "walmart";
      Instant t = at(time);
      steps.add(
          switch (spec.kind()) {
            case 0 ->
                event(
                    LedgerEvents.stock(
                        eventId, sku, pool, StockKind.RECEIVED, 1 + n.get(3) % 6, null, t));
            case 1 ->
                event(
                    LedgerEvents.stock(
                        eventId,
                        sku,
                        pool,
                        StockKind.ADJUSTED,
                        n.get(3) % 2 == 0 ? -quantity : quantity,
                        null,
                        t));
            case 2 ->
                event(
                    LedgerEvents.stock(
                        eventId, sku, pool, StockKind.COUNTED, n.get(3) % 8, null, t));
            case 3 ->
                event(
                    LedgerEvents.stock(
                        eventId, sku, pool, StockKind.SHIPPED, quantity, orderId, t));
            case 4, 5, 6 ->
                event(
                    LedgerEvents.hold(
                        eventId,
                        sku,
                        holdId,
                        "customer-" + n.get(2) % 2,
                        n.get(1) % 2 == 0 ? "device-" + n.get(3) % 2 : null,
                        quantity,
                        t));
            case 7 -> event(LedgerEvents.release(eventId, sku, holdId, t));
            case 8, 9 -> event(LedgerEvents.checkout(eventId, sku, holdId, orderId, quantity, t));
            case 10 ->
                event(
                    LedgerEvents.order(
                        eventId,
                        marketplace,
                        orderId,
                        sku,
                        quantity,
                        OrderStatus.CREATED,
                        pool,
                        t));
            case 11 ->
                event(
                    LedgerEvents.order(
                        eventId,
                        marketplace,
                        orderId,
                        sku,
                        quantity,
                        OrderStatus.CANCELLED,
                        pool,
                        t));
            case 12 ->
                event(
                    LedgerEvents.cart(
                        eventId,
                        CartEventType.HOLD_REQUESTED,
                        "amazon",
                        sku,
                        holdId,
                        null,
                        quantity,
                        t));
            case 13, 14 -> new Step(null, n.get(0) * 31 + n.get(1), null);
            case 15 -> new Step(null, null, null, true);
            case 16 -> event(sale(eventId, n, t));
            default -> new Step(null, null, at(time - 2 + n.get(3) % 20 * 30));
          });
    }
    return steps;
  }

  /** A sale on the web channel that changes the hold TTL for a while, or is cancelled. */
  private static SaleEvent sale(String eventId, List<Integer> n, Instant at) {
    SaleEventType type = SaleEventType.values()[n.get(0) % SaleEventType.values().length];
    Instant starts = at.minusSeconds(n.get(1) % 60);
    return new SaleEvent(
        eventId,
        "sale-" + n.get(2) % 2,
        type,
        LedgerEvents.WEB,
        n.get(3) % 2 == 0 ? List.of() : List.of(SKUS.get(n.get(4) % SKUS.size())),
        null,
        null,
        5 + n.get(4) % 120,
        null,
        null,
        null,
        starts,
        starts.plusSeconds(30 + n.get(1) % 300),
        at);
  }

  private static Step event(Object event) {
    return new Step(event, null, null);
  }
}
