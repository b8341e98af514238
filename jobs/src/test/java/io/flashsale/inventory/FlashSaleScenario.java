package io.flashsale.inventory;

import io.flashsale.events.CartEvent;
import io.flashsale.events.CartEventType;
import io.flashsale.events.MarketplaceOrder;
import io.flashsale.events.OrderStatus;
import io.flashsale.events.Pool;
import io.flashsale.events.StockKind;
import io.flashsale.events.StockMovement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A flash sale on a few hot SKUs, the same for the same seed: shoppers hold, check out, release or
 * abandon far more units than there are, some of their events are re-sent, and marketplaces sell
 * warm SKUs from MAIN and FBA within stock while the warehouse ships some of those orders.
 *
 * <p>The stock is received before the rest is sent, and the hot SKUs see only cart events, so the
 * end state does not depend on how the topics interleave.
 */
public final class FlashSaleScenario {

  public static final List<String> HOT_SKUS = List.of("HOT-1", "HOT-2", "HOT-3", "HOT-4");
  public static final int HOT_STOCK = 1_500;
  public static final int WARM_SKUS = 20;
  public static final int WARM_MAIN_STOCK = 100;
  public static final int WARM_FBA_STOCK = 50;

  public final List<StockMovement> receipts = new ArrayList<>();
  public final List<CartEvent> carts = new ArrayList<>();
  public final List<MarketplaceOrder> orders = new ArrayList<>();
  public final List<StockMovement> shipments = new ArrayList<>();

  /** Distinct cart events (re-sends not counted). */
  int distinctCartEvents;

  /** Expected final (onHand, committed) of every warm SKU and pool, keyed {@code sku|pool}. */
  public final Map<String, long[]> warmExpectations = new TreeMap<>();

  /** Units received of each hot SKU. */
  public final int hotStock;

  private final Random random;
  private final Instant start;

  private FlashSaleScenario(long seed, int hotStock, Instant start) {
    this.random = new Random(seed);
    this.hotStock = hotStock;
    this.start = start;
  }

  /** A sale of {@code cartEvents} cart events, 3 ms of event time apart, from {@code start}. */
  public static FlashSaleScenario generate(long seed, int cartEvents, Instant start) {
    return generate(seed, cartEvents, HOT_STOCK, start);
  }

  /** The same with {@code hotStock} units of each hot SKU. */
  public static FlashSaleScenario generate(long seed, int cartEvents, int hotStock, Instant start) {
    FlashSaleScenario scenario = new FlashSaleScenario(seed, hotStock, start);
    scenario.receiveStock();
    scenario.shop(cartEvents);
    scenario.sellOnMarketplaces();
    return scenario;
  }

  static String warmSku(int i) {
    return String.format("WARM-%02d", i);
  }

  private Instant at(int step) {
    return start.plusMillis(step * 3L);
  }

  private void receiveStock() {
    for (String sku : HOT_SKUS) {
      receipts.add(stock("r-" + sku, sku, Pool.MAIN, StockKind.RECEIVED, hotStock, null, 0));
    }
    for (int i = 0; i < WARM_SKUS; i++) {
      String sku = warmSku(i);
      receipts.add(stock("r-" + sku, sku, Pool.MAIN, StockKind.RECEIVED, WARM_MAIN_STOCK, null, 0));
      receipts.add(stock("rf-" + sku, sku, Pool.FBA, StockKind.RECEIVED, WARM_FBA_STOCK, null, 0));
      warmExpectations.put(sku + "|MAIN", new long[] {WARM_MAIN_STOCK, 0});
      warmExpectations.put(sku + "|FBA", new long[] {WARM_FBA_STOCK, 0});
    }
  }

  /**
   * Shopping sessions: a hold, then later a checkout (60%), a release (25%) or nothing. A session's
   * second event lands a few events after its first, so sessions interleave.
   */
  private void shop(int cartEvents) {
    TreeMap<Integer, List<CartEvent>> later = new TreeMap<>();
    int session = 0;
    int step = 0;
    while (carts.size() < cartEvents) {
      List<CartEvent> due = later.remove(step);
      if (due != null) {
        due.forEach(this::addCart);
      }
      String sku = HOT_SKUS.get(random.nextInt(HOT_SKUS.size()));
      String holdId = "hold-" + session;
      int quantity = 1 + random.nextInt(2);
      addCart(
          cart(
              "c-" + session + "-h",
              CartEventType.HOLD_REQUESTED,
              sku,
              holdId,
              null,
              quantity,
              step));
      double outcome = random.nextDouble();
      int followUp = step + 1 + random.nextInt(40);
      if (outcome < 0.60) {
        later
            .computeIfAbsent(followUp, s -> new ArrayList<>())
            .add(
                cart(
                    "c-" + session + "-c",
                    CartEventType.CHECKOUT_COMPLETED,
                    sku,
                    holdId,
                    "W-" + session,
                    quantity,
                    followUp));
      } else if (outcome < 0.85) {
        later
            .computeIfAbsent(followUp, s -> new ArrayList<>())
            .add(
                cart(
                    "c-" + session + "-r",
                    CartEventType.HOLD_RELEASED,
                    sku,
                    holdId,
                    null,
                    quantity,
                    followUp));
      }
      session++;
      step++;
    }
    distinctCartEvents = (int) carts.stream().map(CartEvent::eventId).distinct().count();
  }

  /** Adds a cart event; one in twenty is sent a second time a little later, unchanged. */
  private void addCart(CartEvent event) {
    carts.add(event);
    if (random.nextInt(20) == 0 && carts.size() > 10) {
      carts.add(carts.get(carts.size() - 1 - random.nextInt(10)));
    }
  }

  /** Marketplace orders on warm SKUs within their stock, some cancelled, some shipped. */
  private void sellOnMarketplaces() {
    Map<String, Integer> left = new HashMap<>();
    for (int n = 0; n < 400; n++) {
      String sku = warmSku(random.nextInt(WARM_SKUS));
      boolean fba = random.nextInt(4) == 0;
      Pool pool = fba ? Pool.FBA : Pool.MAIN;
      String channel = fba ? "amazon-fba" : (random.nextBoolean() ? "amazon" : "walmart");
      int quantity = 1 + random.nextInt(3);
      String key = sku + "|" + pool;
      int stock = left.computeIfAbsent(key, k -> fba ? WARM_FBA_STOCK : WARM_MAIN_STOCK);
      if (quantity > stock) {
        continue;
      }
      left.put(key, stock - quantity);
      String orderId = "M-" + n;
      int step = random.nextInt(Math.max(1, carts.size()));
      MarketplaceOrder created =
          order("o-" + n, channel, orderId, sku, quantity, OrderStatus.CREATED, pool, step);
      long[] expected = warmExpectations.get(key);
      double fate = random.nextDouble();
      if (fate < 0.1) {
        // Cancelled; half the time the cancellation reaches us before the order does.
        MarketplaceOrder cancellation =
            order("x-" + n, channel, orderId, sku, quantity, OrderStatus.CANCELLED, pool, step + 5);
        orders.addAll(
            fate < 0.05 ? List.of(cancellation, created) : List.of(created, cancellation));
        left.put(key, left.get(key) + quantity);
      } else if (fate < 0.4) {
        orders.add(created);
        // Shipped by the warehouse; the shipment may overtake the order on another topic.
        shipments.add(stock("s-" + n, sku, pool, StockKind.SHIPPED, quantity, orderId, step + 1));
        expected[0] -= quantity;
      } else {
        orders.add(created);
        expected[1] += quantity;
      }
      if (random.nextInt(10) == 0) {
        orders.add(
            order(
                "o-" + n + "-resent",
                channel,
                orderId,
                sku,
                quantity,
                OrderStatus.CREATED,
                pool,
                step + 9));
      }
    }
  }

  private StockMovement stock(
      String eventId,
      String sku,
      Pool pool,
      StockKind kind,
      int quantity,
      String orderId,
      int step) {
    return new StockMovement(eventId, sku, pool, kind, quantity, orderId, at(step));
  }

  private CartEvent cart(
      String eventId,
      CartEventType type,
      String sku,
      String holdId,
      String orderId,
      int quantity,
      int step) {
    return LedgerEvents.cart(
        eventId, type, LedgerEvents.WEB, sku, holdId, orderId, quantity, at(step));
  }

  private MarketplaceOrder order(
      String eventId,
      String channel,
      String orderId,
      String sku,
      int quantity,
      OrderStatus status,
      Pool pool,
      int step) {
    return new MarketplaceOrder(eventId, channel, orderId, sku, quantity, status, pool, at(step));
  }
}
