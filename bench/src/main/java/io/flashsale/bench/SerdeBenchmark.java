package io.flashsale.bench;

import io.flashsale.events.CartEvent;
import io.flashsale.events.CartEventType;
import io.flashsale.events.Decision;
import io.flashsale.events.DecisionStatus;
import io.flashsale.events.Pool;
import io.flashsale.events.Position;
import io.flashsale.events.StockKind;
import io.flashsale.events.StockMovement;
import io.flashsale.inventory.LedgerEvent;
import io.flashsale.kafka.Inbound;
import io.flashsale.kafka.Outbound;
import io.flashsale.kafka.TopicDecoder;
import io.flashsale.kafka.Topics;
import io.flashsale.serde.EventJson;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The contract's JSON on the jobs' hot paths: a cart event and a stock movement read and validated
 * as the inventory job's sources decode them, and a decision and a position written as its sink
 * does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SerdeBenchmark {

  private static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");
  private static final Topics TOPICS = Topics.DEFAULT;

  private final TopicDecoder<LedgerEvent> carts = TopicDecoder.of(CartEvent.class, LedgerEvent::of);
  private final TopicDecoder<LedgerEvent> stock =
      TopicDecoder.of(StockMovement.class, LedgerEvent::of);

  /**
   * A storefront hold request with the fraud fields a real checkout sends, not the bare minimum.
   */
  private final byte[] cartJson =
      EventJson.write(
          new CartEvent(
              "evt-7f3a9c2e-1",
              CartEventType.HOLD_REQUESTED,
              "web",
              "SKU-000123",
              2,
              "hold-7f3a9c2e",
              "cart-5521",
              "customer-88412",
              null,
              "session-0c1d",
              "device-9b2e",
              "203.0.113.17",
              List.of("BLACKFRIDAY"),
              "49.99",
              "EUR",
              "pf-41d8cd98",
              "addr-0cc175b9",
              AT));

  private final byte[] stockJson =
      EventJson.write(
          new StockMovement(
              "stk-20261127-0001", "SKU-000123", Pool.MAIN, StockKind.RECEIVED, 500, null, AT));

  private final Decision decision =
      new Decision(
          "dec-7f3a9c2e-1",
          "evt-7f3a9c2e-1",
          "hold-7f3a9c2e",
          null,
          "SKU-000123",
          Pool.MAIN,
          "web",
          2,
          DecisionStatus.GRANTED,
          null,
          AT.plusSeconds(600),
          4711,
          AT,
          null);

  private final Position position =
      new Position("SKU-000123", Pool.MAIN, 500, 12, 40, 448, 0, 0, 4711, AT);

  @Benchmark
  public Inbound<LedgerEvent> readCartEvent() {
    return carts.decode(cartJson);
  }

  @Benchmark
  public Inbound<LedgerEvent> readStockMovement() {
    return stock.decode(stockJson);
  }

  @Benchmark
  public Outbound writeDecision() {
    return Outbound.json(
        TOPICS.reservationsDecisions(), decision.sku(), decision, decision.decidedAt());
  }

  @Benchmark
  public Outbound writePosition() {
    return Outbound.json(
        TOPICS.inventoryPositions(), position.key(), position, position.updatedAt());
  }
}
