package io.flashsale.bench;

import io.flashsale.events.CartEvent;
import io.flashsale.events.CartEventType;
import io.flashsale.events.Decision;
import io.flashsale.events.Pool;
import io.flashsale.events.SaleEvent;
import io.flashsale.events.StockKind;
import io.flashsale.events.StockMovement;
import io.flashsale.inventory.LedgerEvent;
import io.flashsale.inventory.allocation.AllocationConfig;
import io.flashsale.inventory.ledger.LedgerFunction;
import io.flashsale.inventory.ledger.LedgerPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.util.OutputTag;

/**
 * The ledger operator in Flink's operator test harness (heap state, one subtask) with the shipped
 * allocation, fed cart events on an event-time clock that advances one millisecond per event.
 */
final class LedgerDriver implements AutoCloseable {

  /**
   * Short event-time horizons keep the state bounded while an iteration runs: a released hold stays
   * queued for expiry until its TTL passes, and an eventId is remembered for the duplicate horizon.
   */
  private static final LedgerPolicy POLICY =
      new LedgerPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofHours(24));

  /** Events between watermarks, so that timers fire and outputs are dropped as the job would. */
  private static final int WATERMARK_EVERY = 256;

  private static final List<OutputTag<?>> SIDE_OUTPUTS =
      List.of(
          LedgerFunction.POSITIONS,
          LedgerFunction.INCIDENTS,
          LedgerFunction.QUOTAS,
          LedgerFunction.FBA_RECOMMENDATIONS);

  private final KeyedBroadcastOperatorTestHarness<String, LedgerEvent, SaleEvent, Decision> harness;
  private long now = Instant.parse("2026-11-27T10:00:00Z").toEpochMilli();
  private long events;

  LedgerDriver() throws Exception {
    harness =
        new KeyedBroadcastOperatorTestHarness<>(
            new CoBroadcastWithKeyedOperator<>(
                new LedgerFunction(POLICY, AllocationConfig.defaults()),
                List.of(LedgerFunction.salesDescriptor())),
            LedgerEvent::sku,
            Types.STRING,
            1,
            1,
            0);
    harness.setup();
    harness.open();
  }

  void receive(String sku, int units) throws Exception {
    long time = tick();
    send(
        LedgerEvent.of(
            new StockMovement(
                "stock-" + events,
                sku,
                Pool.MAIN,
                StockKind.RECEIVED,
                units,
                null,
                Instant.ofEpochMilli(time))),
        time);
  }

  void hold(String sku, String holdId, int units) throws Exception {
    cart(CartEventType.HOLD_REQUESTED, sku, holdId, units);
  }

  void release(String sku, String holdId) throws Exception {
    cart(CartEventType.HOLD_RELEASED, sku, holdId, 1);
  }

  @Override
  public void close() throws Exception {
    harness.close();
  }

  private void cart(CartEventType type, String sku, String holdId, int units) throws Exception {
    long time = tick();
    send(
        LedgerEvent.of(
            CartEvent.of(
                "cart-" + events,
                type,
                "web",
                sku,
                units,
                holdId,
                "cart-" + holdId,
                "customer-" + holdId,
                null,
                Instant.ofEpochMilli(time))),
        time);
  }

  private long tick() {
    events++;
    return ++now;
  }

  private void send(LedgerEvent event, long time) throws Exception {
    harness.processElement(event, time);
    if (events % WATERMARK_EVERY == 0) {
      harness.processWatermark(now - 1);
      harness.processBroadcastWatermark(now - 1);
      harness.getOutput().clear();
      for (OutputTag<?> tag : SIDE_OUTPUTS) {
        Queue<?> records = harness.getSideOutput(tag);
        if (records != null) {
          records.clear();
        }
      }
    }
  }
}
