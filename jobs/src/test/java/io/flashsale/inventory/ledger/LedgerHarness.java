package io.flashsale.inventory.ledger;

import io.flashsale.events.AllocationOverride;
import io.flashsale.events.CartEvent;
import io.flashsale.events.ChannelAck;
import io.flashsale.events.ChannelQuota;
import io.flashsale.events.Decision;
import io.flashsale.events.DemandForecast;
import io.flashsale.events.FbaRecommendation;
import io.flashsale.events.MarketplaceOrder;
import io.flashsale.events.OversellIncident;
import io.flashsale.events.Pool;
import io.flashsale.events.Position;
import io.flashsale.events.SaleEvent;
import io.flashsale.events.StockMovement;
import io.flashsale.inventory.LedgerEvent;
import io.flashsale.inventory.SaleNotice;
import io.flashsale.inventory.allocation.AllocationConfig;
import io.flashsale.inventory.allocation.AllocationConfigs;
import io.flashsale.inventory.allocation.DemandSample;
import java.net.URL;
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
import org.apache.flink.streaming.util.OperatorSnapshotUtil;

/**
 * The ledger operator in Flink's test harness: real keyed state, real timers, driven by events and
 * watermarks. It keeps everything the operator emitted, also across {@link #restart()}.
 */
final class LedgerHarness implements AutoCloseable {

  private final LedgerPolicy policy;
  private final AllocationConfig allocation;
  private final List<Decision> decisions = new ArrayList<>();
  private final List<Position> positions = new ArrayList<>();
  private final List<OversellIncident> incidents = new ArrayList<>();
  private final List<ChannelQuota> quotas = new ArrayList<>();
  private final List<FbaRecommendation> fbaRecommendations = new ArrayList<>();
  private KeyedBroadcastOperatorTestHarness<String, LedgerEvent, SaleEvent, Decision> harness;
  private long checkpointId;
  private int decisionsRead;
  private int positionsRead;

  LedgerHarness(LedgerPolicy policy, AllocationConfig allocation) throws Exception {
    this.policy = policy;
    this.allocation = allocation;
    this.harness = open(null);
  }

  /** The ledger's own rules: only the own store, no buffer, no overbooking. */
  LedgerHarness(LedgerPolicy policy) throws Exception {
    this(policy, AllocationConfigs.directOnly());
  }

  LedgerHarness() throws Exception {
    this(LedgerPolicy.DEFAULT);
  }

  /**
   * The ledger restored from a snapshot that a test resource holds, as written by {@code
   * OperatorSnapshotUtil.writeStateHandle} (for example by an earlier version of the ledger).
   */
  static LedgerHarness restoredFrom(String resource, LedgerPolicy policy) throws Exception {
    LedgerHarness ledger = new LedgerHarness(policy);
    ledger.harness.close();
    URL snapshot = LedgerHarness.class.getClassLoader().getResource(resource);
    if (snapshot == null) {
      throw new IllegalArgumentException("no test resource " + resource);
    }
    ledger.harness = ledger.open(OperatorSnapshotUtil.readStateHandle(snapshot.getPath()));
    return ledger;
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

  List<ChannelQuota> quotas() {
    return quotas;
  }

  List<FbaRecommendation> fbaRecommendations() {
    return fbaRecommendations;
  }

  /** Keyed state entries over all keys and states; a map state counts once per key. */
  int keyedStateEntries() {
    AbstractStreamOperator<?> operator = (AbstractStreamOperator<?>) harness.getTwoInputOperator();
    return ((HeapKeyedStateBackend<?>) operator.getKeyedStateBackend()).numKeyValueStateEntries();
  }

  /** What the operator's holds and exposure gauges show. */
  LedgerTotals totals() {
    var operator = (CoBroadcastWithKeyedOperator<?, ?, ?, ?>) harness.getTwoInputOperator();
    return ((LedgerFunction) operator.getUserFunction()).totals();
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
                new LedgerFunction(policy, allocation), List.of(LedgerFunction.salesDescriptor())),
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
    drain(harness.getSideOutput(LedgerFunction.QUOTAS), quotas);
    drain(harness.getSideOutput(LedgerFunction.FBA_RECOMMENDATIONS), fbaRecommendations);
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
    } else if (event instanceof ChannelAck ack) {
      return LedgerEvent.of(ack);
    } else if (event instanceof DemandForecast forecast) {
      return LedgerEvent.of(forecast);
    } else if (event instanceof DemandSample sample) {
      return LedgerEvent.of(sample);
    } else if (event instanceof AllocationOverride override) {
      return LedgerEvent.of(override);
    } else if (event instanceof SaleNotice notice) {
      return LedgerEvent.of(notice);
    }
    throw new IllegalArgumentException("not a ledger event: " + event);
  }

  private static long eventTime(LedgerEvent event) {
    if (event.stock() != null) {
      return event.stock().occurredAt().toEpochMilli();
    } else if (event.cart() != null) {
      return event.cart().occurredAt().toEpochMilli();
    } else if (event.order() != null) {
      return event.order().occurredAt().toEpochMilli();
    } else if (event.ack() != null) {
      return event.ack().appliedAt().toEpochMilli();
    } else if (event.forecast() != null) {
      return event.forecast().validFrom().toEpochMilli();
    } else if (event.demand() != null) {
      return event.demand().windowEnd() - 1;
    } else if (event.override() != null) {
      return event.override().occurredAt().toEpochMilli();
    }
    return event.saleNotice().sale().occurredAt().toEpochMilli();
  }
}
