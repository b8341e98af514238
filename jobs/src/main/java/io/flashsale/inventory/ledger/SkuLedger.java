package io.flashsale.inventory.ledger;

import io.flashsale.events.CartEvent;
import io.flashsale.events.Decision;
import io.flashsale.events.DecisionReason;
import io.flashsale.events.DecisionStatus;
import io.flashsale.events.MarketplaceOrder;
import io.flashsale.events.OrderStatus;
import io.flashsale.events.OversellCause;
import io.flashsale.events.OversellIncident;
import io.flashsale.events.Pool;
import io.flashsale.events.Position;
import io.flashsale.events.StockMovement;
import io.flashsale.inventory.ledger.ParkedMovement.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The ledger of the SKU whose key is current: stock movements, holds, checkouts and marketplace
 * orders, applied one event at a time, in the order the events arrive.
 *
 * <p>Time is the event's own: a hold expires for any event at or after its expiry (before that
 * event is answered), and by timer once the watermark passes it. Within one SKU's in-order stream
 * the outcome therefore does not depend on when watermarks arrive.
 *
 * <p>A re-sent eventId changes nothing: a cart event gets its original decisions again, marked as
 * duplicates; a stock movement or order is skipped. Marketplace orders are also idempotent on
 * (channel, orderId, status).
 */
final class SkuLedger {

  private static final long MINUTE = 60_000;

  private final LedgerState state;
  private final long horizonMs;
  private final long orderWaitMs;

  // The SKU being worked on, loaded by begin() and saved by end().
  private String sku;
  private SkuBalances balances;
  private LedgerOutput out;

  SkuLedger(LedgerState state, LedgerPolicy policy) {
    this.state = state;
    this.horizonMs = policy.duplicateHorizon().toMillis();
    this.orderWaitMs = policy.orderWait().toMillis();
  }

  void onCart(CartEvent event, Duration holdTtl, boolean directChannel, LedgerOutput output)
      throws Exception {
    begin(event.sku(), output);
    long time = event.occurredAt().toEpochMilli();
    Answer previous = findAnswer(event.eventId(), time);
    if (previous != null) {
      for (Decision decision : previous.decisions()) {
        out.decision(decision.asDuplicate(nextDecisionId()));
      }
    } else {
      expireDue(time);
      List<Decision> answer = new ArrayList<>(2);
      if (!directChannel) {
        answer.add(rejection(event, DecisionReason.UNKNOWN_CHANNEL, null, time));
      } else {
        switch (event.type()) {
          case HOLD_REQUESTED -> requestHold(event, holdTtl.toMillis(), time, answer);
          case HOLD_RELEASED -> releaseHold(event, time, answer);
          case CHECKOUT_COMPLETED -> checkout(event, time, answer);
        }
      }
      for (Decision decision : answer) {
        out.decision(decision);
      }
      remember(event.eventId(), time, new Answer(answer.toArray(Decision[]::new)));
    }
    end();
  }

  void onStock(StockMovement movement, LedgerOutput output) throws Exception {
    begin(movement.sku(), output);
    long time = movement.occurredAt().toEpochMilli();
    if (findAnswer(movement.eventId(), time) == null) {
      expireDue(time);
      Pool pool = movement.pool();
      PoolBalance balance = balances.pool(pool);
      int quantity = movement.quantity();
      switch (movement.kind()) {
        case RECEIVED, RETURNED, ADJUSTED -> {
          balance.onHand += quantity;
          changed(pool, time);
          if (quantity < 0) {
            reportLoss(pool, null, time);
          }
        }
        case COUNTED -> {
          long before = balance.onHand;
          if (before != quantity) {
            balance.onHand = quantity;
            changed(pool, time);
            if (quantity < before) {
              reportLoss(pool, null, time);
            }
          }
        }
        case SHIPPED -> ship(movement.orderId(), quantity, pool, time);
      }
      remember(movement.eventId(), time, Answer.NONE);
    }
    end();
  }

  void onOrder(MarketplaceOrder order, LedgerOutput output) throws Exception {
    begin(order.sku(), output);
    long time = order.occurredAt().toEpochMilli();
    if (findAnswer(order.eventId(), time) == null) {
      expireDue(time);
      OrderRecord record = state.orders.get(order.orderId());
      String applied = order.channel() + "/" + order.status();
      if (record == null || !record.applied.contains(applied)) {
        if (record == null) {
          record = new OrderRecord(order.orderId(), order.pool());
        }
        record.applied.add(applied);
        if (order.status() == OrderStatus.CREATED) {
          openOrder(record, order.pool(), order.quantity(), time);
          PoolBalance balance = balances.pool(order.pool());
          // The channel already sold it: the order stands, and the shortfall is reported.
          if (balance.shortBy() > 0) {
            out.incident(
                new OversellIncident(
                    sku,
                    order.pool(),
                    order.channel(),
                    order.orderId(),
                    OversellCause.CHANNEL_ORDER,
                    balance.shortBy(),
                    Instant.ofEpochMilli(time)));
          }
          applyParked(record, time);
        } else if (record.opened) {
          cancel(record, order.quantity(), time);
        } else {
          park(record, Kind.CANCELLATION, order.quantity(), order.pool(), time);
        }
        saveOrder(record, time);
      }
      remember(order.eventId(), time, Answer.NONE);
    }
    end();
  }

  /** The watermark passed {@code time}: expire holds, look at orders, drop old answers. */
  void onTime(String key, long time, LedgerOutput output) throws Exception {
    begin(key, output);
    if (time >= balances.expiryWakeUp) {
      balances.expiryWakeUp = Long.MAX_VALUE;
    }
    expireDue(time);
    OrderAgenda agenda = state.agenda.get(time);
    if (agenda != null) {
      state.agenda.remove(time);
      for (String orderId : agenda.orderIds) {
        reviewOrder(orderId, time);
      }
    }
    dropOldAnswers(time);
    end();
  }

  // ---- holds and checkouts (MAIN pool) ----

  private void requestHold(CartEvent event, long ttlMs, long time, List<Decision> answer)
      throws Exception {
    Hold existing = liveHold(event.holdId(), time);
    if (existing != null) {
      answer.add(rejection(event, DecisionReason.HOLD_ALREADY_EXISTS, existing.expiresAt(), time));
      return;
    }
    PoolBalance main = balances.main;
    // Granted only if it cannot cause an oversell: every hold is backed by a free unit.
    if (event.quantity() > main.free()) {
      answer.add(rejection(event, DecisionReason.INSUFFICIENT_STOCK, null, time));
      return;
    }
    main.held += event.quantity();
    changed(Pool.MAIN, time);
    Hold hold =
        new Hold(event.holdId(), event.eventId(), event.channel(), event.quantity(), time + ttlMs);
    state.holds.put(hold.holdId(), hold);
    enqueueExpiry(hold, ttlMs);
    answer.add(
        decision(
            event.eventId(),
            hold.holdId(),
            null,
            hold.channel(),
            hold.quantity(),
            DecisionStatus.GRANTED,
            null,
            hold.expiresAt(),
            time));
  }

  private void releaseHold(CartEvent event, long time, List<Decision> answer) throws Exception {
    Hold hold = liveHold(event.holdId(), time);
    if (hold == null) {
      answer.add(rejection(event, DecisionReason.UNKNOWN_HOLD, null, time));
      return;
    }
    answer.add(endHold(hold, event.eventId(), null, time));
  }

  private void checkout(CartEvent event, long time, List<Decision> answer) throws Exception {
    Hold hold = liveHold(event.holdId(), time);
    OrderRecord order = state.orders.get(event.orderId());
    if (hold == null && order != null && order.holdIds.contains(event.holdId())) {
      answer.add(rejection(event, DecisionReason.HOLD_ALREADY_COMMITTED, null, time));
      return;
    }
    PoolBalance main = balances.main;
    int quantity = event.quantity();
    boolean fits;
    if (hold != null) {
      // The hold's own units are the shopper's; units beyond them must be free ones. Other holds
      // do not block it, but commits never exceed on-hand.
      fits =
          main.committed + quantity <= main.onHand
              && (quantity <= hold.quantity() || quantity - hold.quantity() <= main.free());
    } else {
      // The hold expired or never existed: commit from available stock if possible.
      fits = quantity <= main.free();
    }
    if (!fits) {
      answer.add(rejection(event, DecisionReason.INSUFFICIENT_STOCK, null, time));
      if (hold != null) {
        answer.add(endHold(hold, event.eventId(), DecisionReason.CHECKOUT_REJECTED, time));
      }
      return;
    }
    if (hold != null) {
      state.holds.remove(hold.holdId());
      main.held -= hold.quantity();
    }
    if (order == null) {
      order = new OrderRecord(event.orderId(), Pool.MAIN);
    }
    order.holdIds.add(event.holdId());
    openOrder(order, Pool.MAIN, quantity, time);
    answer.add(
        decision(
            event.eventId(),
            event.holdId(),
            event.orderId(),
            event.channel(),
            quantity,
            DecisionStatus.COMMITTED,
            null,
            null,
            time));
    applyParked(order, time);
    saveOrder(order, time);
  }

  /** The hold, unless it has expired by {@code time}: then it ends EXPIRED first. */
  private Hold liveHold(String holdId, long time) throws Exception {
    Hold hold = state.holds.get(holdId);
    if (hold != null && hold.expiresAt() <= time) {
      expire(hold);
      return null;
    }
    return hold;
  }

  private Decision endHold(Hold hold, String requestEventId, DecisionReason reason, long time)
      throws Exception {
    state.holds.remove(hold.holdId());
    balances.main.held -= hold.quantity();
    changed(Pool.MAIN, time);
    return decision(
        requestEventId,
        hold.holdId(),
        null,
        hold.channel(),
        hold.quantity(),
        DecisionStatus.RELEASED,
        reason,
        hold.expiresAt(),
        time);
  }

  private void expire(Hold hold) throws Exception {
    state.holds.remove(hold.holdId());
    balances.main.held -= hold.quantity();
    changed(Pool.MAIN, hold.expiresAt());
    out.decision(
        decision(
            null,
            hold.holdId(),
            null,
            hold.channel(),
            hold.quantity(),
            DecisionStatus.EXPIRED,
            null,
            hold.expiresAt(),
            hold.expiresAt()));
  }

  // ---- hold expiry lanes ----

  private void enqueueExpiry(Hold hold, long ttlMs) throws Exception {
    ExpiryLane lane = null;
    for (ExpiryLane candidate : balances.lanes) {
      if (candidate.ttlMillis == ttlMs) {
        lane = candidate;
      }
    }
    if (lane == null) {
      lane = new ExpiryLane(ttlMs);
      balances.lanes.add(lane);
    }
    if (lane.isEmpty()) {
      lane.headExpiresAt = hold.expiresAt();
    }
    state.expiries.put(lane.keyOf(lane.tail++), new HoldRef(hold.holdId(), hold.expiresAt()));
    scheduleExpiry();
  }

  /** Expires, in expiry order, every queued hold due at {@code time}. */
  private void expireDue(long time) throws Exception {
    while (true) {
      ExpiryLane lane = null;
      for (ExpiryLane candidate : balances.lanes) {
        if (lane == null || candidate.headExpiresAt < lane.headExpiresAt) {
          lane = candidate;
        }
      }
      if (lane == null || lane.headExpiresAt > time) {
        break;
      }
      String key = lane.keyOf(lane.head++);
      HoldRef ref = state.expiries.get(key);
      state.expiries.remove(key);
      lane.headExpiresAt =
          lane.isEmpty() ? Long.MAX_VALUE : state.expiries.get(lane.keyOf(lane.head)).expiresAt();
      Hold hold = state.holds.get(ref.holdId());
      if (hold != null && hold.expiresAt() == ref.expiresAt()) {
        expire(hold);
      }
      if (lane.isEmpty()) {
        balances.lanes.remove(lane);
      }
    }
    scheduleExpiry();
  }

  private void scheduleExpiry() {
    long next = balances.nextExpiry();
    if (next < balances.expiryWakeUp) {
      balances.expiryWakeUp = next;
      out.wakeUpAt(next);
    }
  }

  // ---- orders, shipments and cancellations ----

  private void openOrder(OrderRecord order, Pool pool, int quantity, long time) {
    order.pool = pool;
    order.opened = true;
    order.committed += quantity;
    balances.pool(pool).committed += quantity;
    changed(pool, time);
  }

  private void ship(String orderId, int quantity, Pool pool, long time) throws Exception {
    OrderRecord order = state.orders.get(orderId);
    if (order != null && order.opened && order.pool == pool) {
      applyShipment(order, quantity, time);
    } else {
      // The commitment is on another topic and may still be on its way.
      if (order == null) {
        order = new OrderRecord(orderId, pool);
      }
      park(order, Kind.SHIPMENT, quantity, pool, time);
    }
    saveOrder(order, time);
  }

  private void applyShipment(OrderRecord order, int quantity, long time) {
    int fromOrder = Math.min(quantity, order.committed);
    PoolBalance balance = balances.pool(order.pool);
    balance.onHand -= quantity;
    balance.committed -= fromOrder;
    order.committed -= fromOrder;
    changed(order.pool, time);
    if (fromOrder < quantity) {
      reportLoss(order.pool, order.orderId, time);
    }
  }

  private void cancel(OrderRecord order, int quantity, long time) {
    int units = Math.min(quantity, order.committed);
    if (units > 0) {
      balances.pool(order.pool).committed -= units;
      order.committed -= units;
      changed(order.pool, time);
    }
  }

  private void park(OrderRecord order, Kind kind, int quantity, Pool pool, long time)
      throws Exception {
    order.parked.add(new ParkedMovement(kind, quantity, pool, time));
    addToAgenda(ceilToMinute(time + orderWaitMs), order.orderId);
  }

  private void applyParked(OrderRecord order, long time) {
    Iterator<ParkedMovement> parked = order.parked.iterator();
    while (parked.hasNext()) {
      ParkedMovement movement = parked.next();
      if (movement.pool() == order.pool) {
        if (movement.kind() == Kind.SHIPMENT) {
          applyShipment(order, movement.quantity(), time);
        } else {
          cancel(order, movement.quantity(), time);
        }
        parked.remove();
      }
    }
  }

  /** A deadline or purge time of an order has come. */
  private void reviewOrder(String orderId, long time) throws Exception {
    OrderRecord order = state.orders.get(orderId);
    if (order == null) {
      return;
    }
    Iterator<ParkedMovement> parked = order.parked.iterator();
    while (parked.hasNext()) {
      ParkedMovement movement = parked.next();
      if (movement.occurredAt() + orderWaitMs <= time) {
        // The order never came: the units still left the building. A lone cancellation changes
        // nothing.
        if (movement.kind() == Kind.SHIPMENT) {
          balances.pool(movement.pool()).onHand -= movement.quantity();
          changed(movement.pool(), time);
          reportLoss(movement.pool(), orderId, time);
        }
        parked.remove();
      }
    }
    boolean forgotten =
        order.parked.isEmpty()
            && (!order.opened
                || (order.closedAt != OrderRecord.OPEN && time >= order.closedAt + horizonMs));
    if (forgotten) {
      state.orders.remove(orderId);
    } else {
      state.orders.put(orderId, order);
    }
  }

  /** Stores the order; a closed one is kept for the horizon, for re-sent events to find it. */
  private void saveOrder(OrderRecord order, long time) throws Exception {
    if (!order.isClosed()) {
      order.closedAt = OrderRecord.OPEN;
    } else if (order.closedAt == OrderRecord.OPEN) {
      order.closedAt = time;
      addToAgenda(ceilToMinute(time + horizonMs), order.orderId);
    }
    state.orders.put(order.orderId, order);
  }

  private void addToAgenda(long time, String orderId) throws Exception {
    OrderAgenda agenda = state.agenda.get(time);
    if (agenda == null) {
      agenda = new OrderAgenda();
      out.wakeUpAt(time);
    }
    agenda.orderIds.add(orderId);
    state.agenda.put(time, agenda);
  }

  private void reportLoss(Pool pool, String orderId, long time) {
    long shortBy = balances.pool(pool).shortBy();
    if (shortBy > 0) {
      out.incident(
          new OversellIncident(
              sku,
              pool,
              null,
              orderId,
              OversellCause.STOCK_LOSS,
              shortBy,
              Instant.ofEpochMilli(time)));
    }
  }

  // ---- duplicates ----

  private Answer findAnswer(String eventId, long time) throws Exception {
    long oldestKept = generation(time) - 1;
    Answer answer = null;
    if (balances.slot0Generation >= oldestKept) {
      answer = state.answers0.get(eventId);
    }
    if (answer == null && balances.slot1Generation >= oldestKept) {
      answer = state.answers1.get(eventId);
    }
    return answer;
  }

  private void remember(String eventId, long time, Answer answer) throws Exception {
    long generation = generation(time);
    boolean slot0;
    if (balances.slot0Generation == generation || balances.slot1Generation == generation) {
      slot0 = balances.slot0Generation == generation;
    } else {
      // Start this generation in the older slot, dropping what it held: by now that is at
      // least one horizon old. A very late event joins the older slot as it is.
      slot0 = balances.slot0Generation <= balances.slot1Generation;
      long replaced = slot0 ? balances.slot0Generation : balances.slot1Generation;
      if (replaced < generation) {
        if (slot0) {
          state.answers0.clear();
          balances.slot0Generation = generation;
        } else {
          state.answers1.clear();
          balances.slot1Generation = generation;
        }
        out.wakeUpAt((generation + 2) * horizonMs);
      }
    }
    (slot0 ? state.answers0 : state.answers1).put(eventId, answer);
  }

  /** Frees the answers of a quiet SKU once they are past the horizon. */
  private void dropOldAnswers(long time) {
    long stale = generation(time) - 2;
    if (balances.slot0Generation >= 0 && balances.slot0Generation <= stale) {
      state.answers0.clear();
      balances.slot0Generation = -1;
    }
    if (balances.slot1Generation >= 0 && balances.slot1Generation <= stale) {
      state.answers1.clear();
      balances.slot1Generation = -1;
    }
  }

  private long generation(long time) {
    return Math.floorDiv(time, horizonMs);
  }

  // ---- positions and decisions ----

  private void begin(String key, LedgerOutput output) throws Exception {
    sku = key;
    out = output;
    balances = state.balances.value();
    if (balances == null) {
      balances = new SkuBalances();
    }
  }

  private void end() throws Exception {
    state.balances.update(balances);
    balances = null;
    out = null;
  }

  /** One change of a pool's position: a new version, published. */
  private void changed(Pool pool, long time) {
    PoolBalance balance = balances.pool(pool);
    balance.version++;
    balance.updatedAt = time;
    out.position(
        new Position(
            sku,
            pool,
            balance.onHand,
            balance.held,
            balance.committed,
            balance.available(),
            0,
            0,
            balance.version,
            Instant.ofEpochMilli(time)));
  }

  private Decision rejection(CartEvent event, DecisionReason reason, Long expiresAt, long time) {
    return decision(
        event.eventId(),
        event.holdId(),
        event.orderId(),
        event.channel(),
        event.quantity(),
        DecisionStatus.REJECTED,
        reason,
        expiresAt,
        time);
  }

  private Decision decision(
      String requestEventId,
      String holdId,
      String orderId,
      String channel,
      int quantity,
      DecisionStatus status,
      DecisionReason reason,
      Long expiresAt,
      long decidedAt) {
    return new Decision(
        nextDecisionId(),
        requestEventId,
        holdId,
        orderId,
        sku,
        Pool.MAIN,
        channel,
        quantity,
        status,
        reason,
        expiresAt == null ? null : Instant.ofEpochMilli(expiresAt),
        balances.main.version,
        Instant.ofEpochMilli(decidedAt),
        null);
  }

  private String nextDecisionId() {
    return sku + "/" + ++balances.decisionSequence;
  }

  private static long ceilToMinute(long time) {
    return Math.floorDiv(time + MINUTE - 1, MINUTE) * MINUTE;
  }
}
