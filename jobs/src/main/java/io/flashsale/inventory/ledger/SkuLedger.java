package io.flashsale.inventory.ledger;

import io.flashsale.events.AllocationOverride;
import io.flashsale.events.CartEvent;
import io.flashsale.events.ChannelAck;
import io.flashsale.events.Decision;
import io.flashsale.events.DecisionReason;
import io.flashsale.events.DecisionStatus;
import io.flashsale.events.DemandForecast;
import io.flashsale.events.MarketplaceOrder;
import io.flashsale.events.OrderStatus;
import io.flashsale.events.OversellCause;
import io.flashsale.events.OversellIncident;
import io.flashsale.events.Pool;
import io.flashsale.events.Position;
import io.flashsale.events.QuotaReason;
import io.flashsale.events.StockKind;
import io.flashsale.events.StockMovement;
import io.flashsale.inventory.SaleNotice;
import io.flashsale.inventory.allocation.AllocationConfig;
import io.flashsale.inventory.allocation.AllocationPolicy;
import io.flashsale.inventory.allocation.Conversion;
import io.flashsale.inventory.allocation.DemandSample;
import io.flashsale.inventory.ledger.ParkedMovement.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The ledger of the SKU whose key is current: stock movements, holds, checkouts and marketplace
 * orders, applied one event at a time, in the order the events arrive, with the channel allocation
 * ({@link Rebalancer}) kept in step with them.
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
  private static final String CUSTOMER = "customer:";
  private static final String DEVICE = "device:";

  private final LedgerState state;
  private final long horizonMs;
  private final long orderWaitMs;
  private final AllocationPolicy allocationPolicy;
  private final Rebalancer rebalancer;

  // The SKU being worked on, loaded by begin() and saved by end().
  private final SkuCall call = new SkuCall();
  private String sku;
  private SkuBalances balances;
  private LedgerContext out;

  SkuLedger(LedgerState state, LedgerPolicy policy, AllocationConfig allocation) {
    this.state = state;
    this.horizonMs = policy.duplicateHorizon().toMillis();
    this.orderWaitMs = policy.orderWait().toMillis();
    this.allocationPolicy = allocation.policy();
    this.rebalancer = new Rebalancer(allocation, state);
  }

  void onCart(CartEvent event, HoldTerms terms, boolean directChannel, LedgerContext output)
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
          case HOLD_REQUESTED -> requestHold(event, terms, time, answer);
          case HOLD_RELEASED -> releaseHold(event, time, answer);
          case CHECKOUT_COMPLETED -> checkout(event, time, answer);
        }
      }
      for (Decision decision : answer) {
        out.decision(decision);
      }
      remember(event.eventId(), time, new Answer(answer.toArray(Decision[]::new)));
      afterEvent(time);
    }
    end();
  }

  void onStock(StockMovement movement, LedgerContext output) throws Exception {
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
      if (movement.kind() != StockKind.SHIPPED) {
        rebalance(QuotaReason.STOCK_CHANGE, time);
      }
      remember(movement.eventId(), time, Answer.NONE);
      afterEvent(time);
    }
    end();
  }

  void onOrder(MarketplaceOrder order, LedgerContext output) throws Exception {
    begin(order.sku(), output);
    long time = order.occurredAt().toEpochMilli();
    if (findAnswer(order.eventId(), time) == null) {
      expireDue(time);
      OrderRecord record = state.orders.get(OrderRecord.key(order.pool(), order.orderId()));
      String applied = order.channel() + "/" + order.status();
      if (record == null || !record.applied.contains(applied)) {
        if (record == null) {
          record = new OrderRecord(order.orderId(), order.pool());
        }
        record.applied.add(applied);
        if (order.pool() == Pool.MAIN) {
          int units = order.status() == OrderStatus.CREATED ? order.quantity() : -order.quantity();
          rebalancer.onMarketplaceOrder(call, order.channel(), units, time);
        }
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
      afterEvent(time);
    }
    end();
  }

  void onAck(ChannelAck ack, LedgerContext output) throws Exception {
    long time = ack.appliedAt().toEpochMilli();
    onAllocationInput(ack.sku(), ack.eventId(), time, output, () -> rebalancer.onAck(call, ack));
  }

  void onForecast(DemandForecast forecast, LedgerContext output) throws Exception {
    long time = forecast.validFrom().toEpochMilli();
    onAllocationInput(
        forecast.sku(),
        forecast.eventId(),
        time,
        output,
        () -> rebalancer.onForecast(call, forecast));
  }

  void onOverride(AllocationOverride override, LedgerContext output) throws Exception {
    long time = override.occurredAt().toEpochMilli();
    onAllocationInput(
        override.sku(),
        override.eventId(),
        time,
        output,
        () -> rebalancer.onOverride(call, override));
  }

  void onDemand(DemandSample sample, LedgerContext output) throws Exception {
    begin(sample.sku(), output);
    if (rebalancer.onDemand(call, sample)) {
      changed(Pool.MAIN, sample.windowEnd());
    }
    end();
  }

  void onSaleNotice(SaleNotice notice, LedgerContext output) throws Exception {
    begin(notice.sku(), output);
    rebalancer.onSaleNotice(call, notice);
    end();
  }

  /** An allocation input with an eventId: applied once, then the SKU checked as after any event. */
  private void onAllocationInput(
      String key, String eventId, long time, LedgerContext output, AllocationStep step)
      throws Exception {
    begin(key, output);
    if (findAnswer(eventId, time) == null) {
      if (step.apply()) {
        changed(Pool.MAIN, time);
      }
      remember(eventId, time, Answer.NONE);
      afterEvent(time);
    }
    end();
  }

  @FunctionalInterface
  private interface AllocationStep {
    /** Applies the input; true when it moved what the SKU's MAIN position shows. */
    boolean apply() throws Exception;
  }

  /** The watermark passed {@code time}: expire holds, look at orders, drop old answers. */
  void onTime(String key, long time, LedgerContext output) throws Exception {
    begin(key, output);
    if (time >= balances.expiryWakeUp) {
      balances.expiryWakeUp = Long.MAX_VALUE;
    }
    expireDue(time);
    OrderAgenda agenda = state.agenda.get(time);
    if (agenda != null) {
      state.agenda.remove(time);
      for (String orderKey : agenda.orderIds) {
        reviewOrder(orderKey, time);
      }
    }
    dropOldAnswers(time);
    if (rebalancer.onTime(call, time)) {
      changed(Pool.MAIN, time);
    }
    afterEvent(time);
    end();
  }

  // ---- holds and checkouts (MAIN pool) ----

  private void requestHold(CartEvent event, HoldTerms terms, long time, List<Decision> answer)
      throws Exception {
    Hold existing = liveHold(event.holdId(), time);
    if (existing != null) {
      answer.add(rejection(event, DecisionReason.HOLD_ALREADY_EXISTS, existing.expiresAt(), time));
      return;
    }
    if (overHoldLimit(event, terms.limitPerCustomer())) {
      answer.add(rejection(event, DecisionReason.HOLD_LIMIT, null, time));
      return;
    }
    PoolBalance main = balances.main;
    // Holds may exceed the units the own store can commit only by the SKU's overbooking factor;
    // with a factor of 1 every hold is backed by a free unit.
    double factor =
        Conversion.overbookingFactor(allocationPolicy, balances.checkouts, balances.holdsEnded);
    long holdable = (long) Math.floor(factor * Math.max(0, balances.committable()));
    if (main.held + event.quantity() > holdable) {
      answer.add(rejection(event, DecisionReason.INSUFFICIENT_STOCK, null, time));
      return;
    }
    main.held += event.quantity();
    changed(Pool.MAIN, time);
    boolean limited = terms.limitPerCustomer() > 0;
    long ttlMs = terms.ttlMs();
    Hold hold =
        new Hold(
            event.holdId(),
            event.eventId(),
            event.channel(),
            event.quantity(),
            time,
            time + ttlMs,
            limited ? event.customerId() : null,
            limited ? event.deviceId() : null);
    state.holds.put(hold.holdId(), hold);
    countHeldByShopper(hold, hold.quantity());
    out.holdGranted(hold);
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
    balances.holdsEnded++;
    answer.add(endHold(hold, event.eventId(), null, time));
  }

  private void checkout(CartEvent event, long time, List<Decision> answer) throws Exception {
    Hold hold = liveHold(event.holdId(), time);
    OrderRecord order = state.orders.get(OrderRecord.key(Pool.MAIN, event.orderId()));
    if (hold == null && order != null && order.holdIds.contains(event.holdId())) {
      answer.add(rejection(event, DecisionReason.HOLD_ALREADY_COMMITTED, null, time));
      return;
    }
    int quantity = event.quantity();
    boolean fits;
    if (hold != null) {
      // The hold's own units are the shopper's; units beyond them must be free ones. Other holds
      // do not block it, but commits never exceed what the own store may commit.
      fits =
          quantity <= balances.committable()
              && (quantity <= hold.quantity() || quantity - hold.quantity() <= balances.free());
      balances.holdsEnded++;
      balances.checkouts++;
    } else {
      // The hold expired or never existed: commit from available stock if possible.
      fits = quantity <= balances.free();
    }
    if (!fits) {
      answer.add(rejection(event, DecisionReason.INSUFFICIENT_STOCK, null, time));
      if (hold != null) {
        answer.add(endHold(hold, event.eventId(), DecisionReason.CHECKOUT_REJECTED, time));
      }
      return;
    }
    if (hold != null) {
      removeHold(hold, DecisionStatus.COMMITTED, time);
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
    removeHold(hold, DecisionStatus.RELEASED, time);
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
    balances.holdsEnded++;
    removeHold(hold, DecisionStatus.EXPIRED, hold.expiresAt());
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

  /** The hold ends with {@code outcome}: its units are no longer held by anyone. */
  private void removeHold(Hold hold, DecisionStatus outcome, long time) throws Exception {
    state.holds.remove(hold.holdId());
    balances.main.held -= hold.quantity();
    countHeldByShopper(hold, -hold.quantity());
    out.holdEnded(hold, outcome, time);
  }

  // ---- the per-customer hold limit ----

  /** Whether granting the hold would take its customer, or its device, over {@code limit}. */
  private boolean overHoldLimit(CartEvent event, int limit) throws Exception {
    if (limit == 0) {
      return false;
    }
    int units = event.quantity();
    return heldBy(CUSTOMER + event.customerId()) + units > limit
        || (event.deviceId() != null && heldBy(DEVICE + event.deviceId()) + units > limit);
  }

  private int heldBy(String shopper) throws Exception {
    Integer units = state.heldByShopper.get(shopper);
    return units == null ? 0 : units;
  }

  /** Adds {@code units} (negative when it ends) to the counts the hold was granted against. */
  private void countHeldByShopper(Hold hold, int units) throws Exception {
    if (hold.customerId() != null) {
      addHeldBy(CUSTOMER + hold.customerId(), units);
    }
    if (hold.deviceId() != null) {
      addHeldBy(DEVICE + hold.deviceId(), units);
    }
  }

  private void addHeldBy(String shopper, int units) throws Exception {
    int held = heldBy(shopper) + units;
    if (held == 0) {
      state.heldByShopper.remove(shopper);
    } else {
      state.heldByShopper.put(shopper, held);
    }
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
    order.opened = true;
    order.committed += quantity;
    balances.pool(pool).committed += quantity;
    changed(pool, time);
  }

  private void ship(String orderId, int quantity, Pool pool, long time) throws Exception {
    OrderRecord order = state.orders.get(OrderRecord.key(pool, orderId));
    if (order != null && order.opened) {
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
    addToAgenda(ceilToMinute(time + orderWaitMs), order.key());
  }

  private void applyParked(OrderRecord order, long time) {
    for (ParkedMovement movement : order.parked) {
      if (movement.kind() == Kind.SHIPMENT) {
        applyShipment(order, movement.quantity(), time);
      } else {
        cancel(order, movement.quantity(), time);
      }
    }
    order.parked.clear();
  }

  /** A deadline or purge time of an order has come. */
  private void reviewOrder(String orderKey, long time) throws Exception {
    OrderRecord order = state.orders.get(orderKey);
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
          reportLoss(movement.pool(), order.orderId, time);
        }
        parked.remove();
      }
    }
    boolean forgotten =
        order.parked.isEmpty()
            && (!order.opened
                || (order.closedAt != OrderRecord.OPEN && time >= order.closedAt + horizonMs));
    if (forgotten) {
      state.orders.remove(orderKey);
    } else {
      state.orders.put(orderKey, order);
    }
  }

  /** Stores the order; a closed one is kept for the horizon, for re-sent events to find it. */
  private void saveOrder(OrderRecord order, long time) throws Exception {
    if (!order.isClosed()) {
      order.closedAt = OrderRecord.OPEN;
    } else if (order.closedAt == OrderRecord.OPEN) {
      order.closedAt = time;
      addToAgenda(ceilToMinute(time + horizonMs), order.key());
    }
    state.orders.put(order.key(), order);
  }

  private void addToAgenda(long time, String orderKey) throws Exception {
    OrderAgenda agenda = state.agenda.get(time);
    if (agenda == null) {
      agenda = new OrderAgenda();
      out.wakeUpAt(time);
    }
    agenda.orderIds.add(orderKey);
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

  private void begin(String key, LedgerContext output) throws Exception {
    sku = key;
    out = output;
    balances = state.balances.value();
    if (balances == null) {
      balances = new SkuBalances();
    }
    call.sku = key;
    call.balances = balances;
    call.context = output;
    call.allocation = null;
  }

  private void end() throws Exception {
    state.balances.update(balances);
    if (call.allocation != null) {
      rebalancer.reportExposure(call);
      state.allocation.update(call.allocation);
    }
    balances = null;
    out = null;
    call.balances = null;
    call.context = null;
    call.allocation = null;
  }

  private void rebalance(QuotaReason reason, long time) throws Exception {
    if (rebalancer.rebalance(call, reason, time)) {
      changed(Pool.MAIN, time);
    }
  }

  /** A sale that began or ended, or stock that fell low, rebalances the SKU now. */
  private void afterEvent(long time) throws Exception {
    if (rebalancer.afterEvent(call, time)) {
      changed(Pool.MAIN, time);
    }
  }

  /** One change of a pool's position: a new version, published. */
  private void changed(Pool pool, long time) {
    PoolBalance balance = balances.pool(pool);
    balance.version++;
    balance.updatedAt = time;
    boolean main = pool == Pool.MAIN;
    out.position(
        new Position(
            sku,
            pool,
            balance.onHand,
            balance.held,
            balance.committed,
            balances.available(pool),
            main ? balances.bufferUnits : 0,
            main ? balances.exposure : 0,
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
