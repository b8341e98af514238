package io.flashsale.inventory.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashsale.events.CartEvent;
import io.flashsale.events.CartEventType;
import io.flashsale.events.Decision;
import io.flashsale.events.DecisionReason;
import io.flashsale.events.DecisionStatus;
import io.flashsale.events.MarketplaceOrder;
import io.flashsale.events.Pool;
import io.flashsale.events.Position;
import io.flashsale.events.SaleEvent;
import io.flashsale.events.SaleEventType;
import io.flashsale.inventory.LedgerEvents;
import io.flashsale.inventory.SaleNotice;
import io.flashsale.inventory.allocation.AllocationConfig;
import io.flashsale.inventory.allocation.DemandSample;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A simulated day of one SKU, with the shipped channels and policy: 600 units, a two-hour flash
 * sale on the own store, shoppers who hold, check out, release or walk away, and marketplaces that
 * apply quotas up to their sync lag late and report orders late. Demand exceeds supply. It asserts
 * that nothing is oversold and prints how the stock was sold.
 *
 * <p>Run it alone: {@code mvn -B -pl jobs -am test -Dtest=FlashSaleSimulationTest
 * -Dsurefire.failIfNoSpecifiedTests=false}; the figures are in the test's output file.
 */
class FlashSaleSimulationTest {

  private static final String SKU = "TEE-1";
  private static final int STOCK = 600;
  private static final long MINUTE = 60_000;
  private static final long HOUR = 60 * MINUTE;
  private static final long SALE_START = 2 * HOUR;
  private static final long SALE_END = 4 * HOUR;
  private static final long DAY = 12 * HOUR;

  private final Random random = new Random(20261127);
  private final PriorityQueue<Scheduled> agenda = new PriorityQueue<>();
  private final Map<String, Long> unmetMarketplaceBuyers = new HashMap<>();
  private LedgerHarness ledger;
  private LaggingWorld world;
  private long start;
  private int next;
  private int shoppers;
  private int checkouts;

  /** Something that happens at a time. */
  private record Scheduled(long at, int order, Action action) implements Comparable<Scheduled> {
    @Override
    public int compareTo(Scheduled other) {
      return at != other.at ? Long.compare(at, other.at) : Integer.compare(order, other.order);
    }
  }

  @FunctionalInterface
  private interface Action {
    void run() throws Exception;
  }

  @Test
  void shouldSellTheDayWithoutOversellingWhileMarketplacesLag() throws Exception {
    Map<String, SimulatedMarketplace> marketplaces = new HashMap<>();
    marketplaces.put("amazon", new SimulatedMarketplace("amazon", Duration.ofHours(2), random));
    marketplaces.put("walmart", new SimulatedMarketplace("walmart", Duration.ofHours(1), random));
    ledger = new LedgerHarness(LedgerPolicy.DEFAULT, AllocationConfig.defaults());
    world = new LaggingWorld(ledger, SKU, marketplaces, true);
    start = LedgerEvents.T0.toEpochMilli();

    world.send(LedgerEvents.received("stock", SKU, STOCK, at(0)));
    SaleEvent sale =
        new SaleEvent(
            "sale",
            "evening-flash",
            SaleEventType.SCHEDULED,
            "web",
            List.of(SKU),
            4.0,
            8.0,
            300,
            null,
            20.0,
            null,
            at(SALE_START),
            at(SALE_END),
            at(HOUR));
    schedule(HOUR, () -> world.send(sale));
    schedule(HOUR, () -> world.send(new SaleNotice(SKU, sale)));
    schedule(arrival(0, this::shopperRate), this::shopper);
    schedule(arrival(0, t -> 25), () -> marketplaceBuyer("amazon", 25));
    schedule(arrival(0, t -> 15), () -> marketplaceBuyer("walmart", 15));
    for (long t = 5 * MINUTE; t <= DAY + 3 * HOUR; t += 5 * MINUTE) {
      long windowEnd = t;
      schedule(t, () -> demandSamples(windowEnd));
    }
    while (!agenda.isEmpty()) {
      Scheduled due = agenda.poll();
      world.advance(start + due.at() - world.at().toEpochMilli());
      due.action().run();
    }
    world.advance(3 * HOUR);

    report(marketplaces);
  }

  private double shopperRate(long time) {
    return time >= SALE_START && time < SALE_END ? 150 : 30;
  }

  /** A shopper holds one or two units, then checks out, releases, or walks away. */
  private void shopper() throws Exception {
    long now = now();
    if (now < DAY) {
      schedule(arrival(now, this::shopperRate), this::shopper);
    }
    shoppers++;
    String holdId = "hold-" + next++;
    int units = 1 + random.nextInt(2);
    CartEvent hold = cart(CartEventType.HOLD_REQUESTED, holdId, units);
    world.send(hold);
    if (answer(hold.eventId()).status() != DecisionStatus.GRANTED) {
      return;
    }
    double outcome = random.nextDouble();
    if (outcome < 0.6) {
      schedule(
          now + (1 + random.nextInt(10)) * MINUTE,
          () -> {
            checkouts++;
            world.send(cart(CartEventType.CHECKOUT_COMPLETED, holdId, units));
          });
    } else if (outcome < 0.85) {
      schedule(
          now + (1 + random.nextInt(5)) * MINUTE,
          () -> world.send(cart(CartEventType.HOLD_RELEASED, holdId, units)));
    }
  }

  private void marketplaceBuyer(String channel, double perHour) throws Exception {
    long now = now();
    if (now < DAY) {
      schedule(arrival(now, t -> perHour), () -> marketplaceBuyer(channel, perHour));
    }
    if (!world.buy(channel, 1)) {
      unmetMarketplaceBuyers.merge(channel, 1L, Long::sum);
    }
  }

  /** What the demand windows would emit: units sold per channel over the last 30 minutes. */
  private void demandSamples(long windowEnd) throws Exception {
    long window = 30 * MINUTE;
    Map<String, Long> units = new HashMap<>(Map.of("web", 0L, "amazon", 0L, "walmart", 0L));
    for (Decision decision : ledger.decisions()) {
      long decided = decision.decidedAt().toEpochMilli() - start;
      if (decision.status() == DecisionStatus.COMMITTED
          && decided >= windowEnd - window
          && decided < windowEnd) {
        units.merge("web", (long) decision.quantity(), Long::sum);
      }
    }
    for (MarketplaceOrder order : world.reportedOrders()) {
      long placed = order.occurredAt().toEpochMilli() - start;
      if (placed >= windowEnd - window && placed < windowEnd) {
        units.merge(order.channel(), (long) order.quantity(), Long::sum);
      }
    }
    for (Map.Entry<String, Long> channel : units.entrySet()) {
      if (channel.getValue() > 0) {
        world.send(
            new DemandSample(SKU, channel.getKey(), start + windowEnd, window, channel.getValue()));
      }
    }
  }

  private void report(Map<String, SimulatedMarketplace> marketplaces) {
    Position last = ledger.position(SKU, Pool.MAIN).orElseThrow();
    long web =
        ledger.decisions().stream()
            .filter(d -> d.status() == DecisionStatus.COMMITTED && d.duplicate() == null)
            .mapToLong(Decision::quantity)
            .sum();
    long amazon = marketplaces.get("amazon").soldUnits();
    long walmart = marketplaces.get("walmart").soldUnits();
    long sold = web + amazon + walmart;
    long stranded = last.onHand() - last.committed() - last.held();
    long checkoutsOnHolds = checkouts;
    long rejectedAfterHold =
        ledger.decisions().stream()
            .filter(d -> d.reason() == DecisionReason.CHECKOUT_REJECTED)
            .count();
    long rejectedHolds =
        ledger.decisions().stream()
            .filter(
                d ->
                    d.status() == DecisionStatus.REJECTED
                        && d.reason() == DecisionReason.INSUFFICIENT_STOCK)
            .count();

    System.out.printf(
        "simulated day: %d units, %d shoppers, marketplaces lagging up to 2 h and 1 h%n"
            + "oversells: %d%n"
            + "sell-through: %.1f%% (%d of %d: web %d, amazon %d, walmart %d)%n"
            + "stranded at the end: %d units%n"
            + "checkouts rejected after a granted hold: %d of %d (%.2f%%)%n"
            + "unmet demand: %d holds refused, marketplace buyers who found nothing %s%n",
        STOCK,
        shoppers,
        ledger.incidents().size(),
        100.0 * sold / STOCK,
        sold,
        STOCK,
        web,
        amazon,
        walmart,
        stranded,
        rejectedAfterHold,
        checkoutsOnHolds,
        100.0 * rejectedAfterHold / Math.max(1, checkoutsOnHolds),
        rejectedHolds,
        unmetMarketplaceBuyers);

    assertThat(ledger.incidents()).as("oversells").isEmpty();
    assertThat(sold).isLessThanOrEqualTo(STOCK);
    assertThat(last.committed()).as("every sale committed").isEqualTo(sold);
    assertThat(
            rejectedHolds
                + unmetMarketplaceBuyers.values().stream().mapToLong(Long::longValue).sum())
        .as("demand exceeded supply")
        .isPositive();
  }

  private Decision answer(String requestEventId) {
    List<Decision> decisions = ledger.decisions();
    for (int i = decisions.size() - 1; i >= 0; i--) {
      if (requestEventId.equals(decisions.get(i).requestEventId())) {
        return decisions.get(i);
      }
    }
    throw new IllegalStateException("no answer to " + requestEventId);
  }

  private CartEvent cart(CartEventType type, String holdId, int units) {
    String id = "c" + next++;
    return LedgerEvents.cart(id, type, "web", SKU, holdId, "W-" + id, units, world.at());
  }

  private long arrival(long from, java.util.function.LongToDoubleFunction perHour) {
    double rate = perHour.applyAsDouble(from);
    return from + (long) (-Math.log(1 - random.nextDouble()) / rate * HOUR);
  }

  private void schedule(long at, Action action) {
    agenda.add(new Scheduled(at, next++, action));
  }

  private long now() {
    return world.at().toEpochMilli() - start;
  }

  private Instant at(long offset) {
    return Instant.ofEpochMilli(start + offset);
  }
}
