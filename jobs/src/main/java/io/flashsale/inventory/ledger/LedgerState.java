package io.flashsale.inventory.ledger;

import io.flashsale.inventory.allocation.AllocationState;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The keyed state of one SKU's ledger. Everything that changes on most events lives in one small
 * value ({@link SkuBalances}); what grows with traffic lives in maps, touched one entry at a time.
 */
final class LedgerState {

  final ValueState<SkuBalances> balances;

  /** Live holds by holdId; an entry is removed when its hold ends. */
  final MapState<String, Hold> holds;

  /**
   * Units held under the per-customer limit, by {@code customer:<id>} and {@code device:<id>}; an
   * entry is removed when its last hold ends, so this never outgrows the live holds.
   */
  final MapState<String, Integer> heldByShopper;

  /** Hold expiry lanes, keyed {@code ttlMillis#sequence}; emptied as the lanes drain. */
  final MapState<String, HoldRef> expiries;

  /** Answers by eventId in two generations; a generation is dropped whole once past the horizon. */
  final MapState<String, Answer> answers0;

  final MapState<String, Answer> answers1;

  /** Orders with committed or waiting units, then closed ones until the horizon has passed. */
  final MapState<String, OrderRecord> orders;

  /** Orders to look at again, by the event-time minute of the timer that will. */
  final MapState<Long, OrderAgenda> agenda;

  /** The SKU's channels, quotas and demand; read when allocation is involved, not on every hold. */
  final ValueState<AllocationState> allocation;

  LedgerState(RuntimeContext context) {
    balances =
        context.getState(
            new ValueStateDescriptor<>("balances", TypeInformation.of(SkuBalances.class)));
    holds =
        context.getMapState(
            new MapStateDescriptor<>("holds", Types.STRING, TypeInformation.of(Hold.class)));
    heldByShopper =
        context.getMapState(new MapStateDescriptor<>("held-by-shopper", Types.STRING, Types.INT));
    expiries =
        context.getMapState(
            new MapStateDescriptor<>(
                "hold-expiries", Types.STRING, TypeInformation.of(HoldRef.class)));
    answers0 =
        context.getMapState(
            new MapStateDescriptor<>("answers-0", Types.STRING, TypeInformation.of(Answer.class)));
    answers1 =
        context.getMapState(
            new MapStateDescriptor<>("answers-1", Types.STRING, TypeInformation.of(Answer.class)));
    orders =
        context.getMapState(
            new MapStateDescriptor<>(
                "orders", Types.STRING, TypeInformation.of(OrderRecord.class)));
    agenda =
        context.getMapState(
            new MapStateDescriptor<>(
                "order-agenda", Types.LONG, TypeInformation.of(OrderAgenda.class)));
    allocation =
        context.getState(
            new ValueStateDescriptor<>("allocation", TypeInformation.of(AllocationState.class)));
  }
}
