package io.flashsale.inventory.ledger;

import io.flashsale.channels.Channels;
import io.flashsale.events.CartEvent;
import io.flashsale.events.Decision;
import io.flashsale.events.MarketplaceOrder;
import io.flashsale.events.OversellIncident;
import io.flashsale.events.Pool;
import io.flashsale.events.Position;
import io.flashsale.events.SaleEvent;
import io.flashsale.events.StockMovement;
import io.flashsale.inventory.LedgerEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;

/**
 * The ledger operator in Flink's test harness: real keyed state, real timers, driven by events and
 * watermarks. It keeps everything the operator emitted, also across {@link #restart()}.
 */
final class LedgerHarness implements AutoCloseable {

  private final LedgerPolicy policy;
  private final List<Decision> decisions = new ArrayList<>();
  private final List<Position> positions = new ArrayList<>();
  private final List<OversellIncident> incidents = new ArrayList<>();
  private KeyedBroadcastOperatorTestHarness<String, LedgerEvent, SaleEvent, Decision> harness;
  private long checkpointId;
  private int decisionsRead;
  private int positionsRead;

  LedgerHarness(LedgerPolicy policy) throws Exception {
    this.policy = policy;
    this.harness = open(null);
  }

  LedgerHarness() throws Exception {
    this(LedgerPolicy.DEFAULT);
  }

  /** Takes a checkpoint, closes the operator, and starts a new one from that checkpoint. */
  LedgerHarness restart() throws Exception {
    OperatorSubtaskState snapshot = harness.snapshot(++checkpointId, checkpointId);
    harness.close();
    harness = open(snapshot);
    return this;
  }

  LedgerHarness send(Object... events) throws Exception {
    for (Object event : events) {
      if (event instanceof SaleEvent sale) {
        harness.processBroadcastElement(sale, sale.occurredAt().toEpochMilli());
      } else {
        LedgerEvent ledgerEvent = toLedgerEvent(event);
        harness.processElement(ledgerEvent, eventTime(ledgerEvent));
      }
      collect();
    }
    return this;
  }

  LedgerHarness watermark(Instant time) throws Exception {
    harness.processWatermark(time.toEpochMilli());
    harness.processBroadcastWatermark(time.toEpochMilli());
    collect();
    return this;
  }

  List<Decision> decisions() {
    return decisions;
  }

  /** The decisions emitted since the last call. */
  List<Decision> newDecisions() {
    List<Decision> fresh = List.copyOf(decisions.subList(decisionsRead, decisions.size()));
    decisionsRead = decisions.size();
    return fresh;
  }

  List<Position> positions() {
    return positions;
  }

  /** The positions emitted since the last call. */
  List<Position> newPositions() {
    List<Position> fresh = List.copyOf(positions.subList(positionsRead, positions.size()));
    positionsRead = positions.size();
    return fresh;
  }

  Optional<Position> position(String sku, Pool pool) {
    for (int i = positions.size() - 1; i >= 0; i--) {
      if (positions.get(i).sku().equals(sku) && positions.get(i).pool() == pool) {
        return Optional.of(positions.get(i));
      }
    }
    return Optional.empty();
  }

  List<OversellIncident> incidents() {
    return incidents;
  }

  /** Keyed state entries over all keys and states; a map state counts once per key. */
  int keyedStateEntries() {
    AbstractStreamOperator<?> operator = (AbstractStreamOperator<?>) harness.getTwoInputOperator();
    return ((HeapKeyedStateBackend<?>) operator.getKeyedStateBackend()).numKeyValueStateEntries();
  }

  int eventTimeTimers() {
    return harness.numEventTimeTimers();
  }

  @Override
  public void close() throws Exception {
    harness.close();
  }

  private KeyedBroadcastOperatorTestHarness<String, LedgerEvent, SaleEvent, Decision> open(
      OperatorSubtaskState snapshot) throws Exception {
    var opened =
        new KeyedBroadcastOperatorTestHarness<>(
            new CoBroadcastWithKeyedOperator<>(
                new LedgerFunction(policy, Channels.parse(Channels.DEFAULT)),
                List.of(LedgerFunction.salesDescriptor())),
            LedgerEvent::sku,
            Types.STRING,
            1,
            1,
            0);
    opened.setup();
    if (snapshot != null) {
      opened.initializeState(snapshot);
    }
    opened.open();
    return opened;
  }

  private void collect() {
    decisions.addAll(harness.extractOutputValues());
    harness.getOutput().clear();
    drain(harness.getSideOutput(LedgerFunction.POSITIONS), positions);
    drain(harness.getSideOutput(LedgerFunction.INCIDENTS), incidents);
  }

  private static <T> void drain(Queue<StreamRecord<T>> records, List<T> into) {
    if (records != null) {
      for (StreamRecord<T> record = records.poll(); record != null; record = records.poll()) {
        into.add(record.getValue());
      }
    }
  }

  private static LedgerEvent toLedgerEvent(Object event) {
    if (event instanceof StockMovement stock) {
      return LedgerEvent.of(stock);
    } else if (event instanceof CartEvent cart) {
      return LedgerEvent.of(cart);
    } else if (event instanceof MarketplaceOrder order) {
      return LedgerEvent.of(order);
    }
    throw new IllegalArgumentException("not a ledger event: " + event);
  }

  private static long eventTime(LedgerEvent event) {
    if (event.stock() != null) {
      return event.stock().occurredAt().toEpochMilli();
    }
    return event.cart() != null
        ? event.cart().occurredAt().toEpochMilli()
        : event.order().occurredAt().toEpochMilli();
  }
}
