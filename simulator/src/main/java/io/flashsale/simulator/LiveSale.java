package io.flashsale.simulator;

import io.flashsale.embedded.marketplaces.MarketplaceStandIn;
import io.flashsale.embedded.marketplaces.MarketplaceStandIn.Marketplace;
import io.flashsale.events.CartEvent;
import io.flashsale.events.CartEventType;
import io.flashsale.events.Decision;
import io.flashsale.events.DecisionStatus;
import io.flashsale.events.DemandForecast;
import io.flashsale.events.MarketplaceOrder;
import io.flashsale.events.OrderStatus;
import io.flashsale.events.Pool;
import io.flashsale.events.SaleEvent;
import io.flashsale.events.SaleEventType;
import io.flashsale.events.StockKind;
import io.flashsale.events.StockMovement;
import io.flashsale.kafka.Topics;
import io.flashsale.local.LocalStack;
import io.flashsale.serde.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Plays a trace against the running system, at the scenario's speed: shoppers send their cart
 * events to storefront.carts and act on the committed decisions, as a storefront does; marketplace
 * buyers buy from what the marketplace stand-ins show, which is what the channel connectors pushed
 * to them, applied late; their orders reach marketplace.orders late.
 */
public final class LiveSale implements AutoCloseable {

  private static final Duration SETTLE = Duration.ofSeconds(2);
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

  private final Scenario scenario;
  private final TimeScale scale;
  private final Topics topics;
  private final MarketplaceStandIn marketplaces;
  private final Map<String, Lags> lags = new HashMap<>();
  private final KafkaProducer<byte[], byte[]> producer;
  private final CommittedOutputs outputs;
  private final SaleBook book;
  private final ScheduledExecutorService clock =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "sale-clock"));
  private final Map<String, Asked> awaitingHold = new ConcurrentHashMap<>();
  private final Map<String, Visit.Shopper> awaitingCheckout = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong granted = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicInteger ids = new AtomicInteger();
  private Instant start;

  /** A shopper's hold request, and when it was sent. */
  private record Asked(Visit.Shopper shopper, Instant at) {}

  /**
   * Connects to the stack's Kafka and sets the stand-ins' apply lags; the jobs must run with {@link
   * TimeScale#configure} applied and the channels pointed at {@code marketplaces}.
   */
  public LiveSale(Scenario scenario, LocalStack stack, MarketplaceStandIn marketplaces) {
    this.scenario = scenario;
    this.scale = new TimeScale(scenario.speed());
    this.topics = stack.topics();
    this.marketplaces = marketplaces;
    this.book = new SaleBook(scenario);
    for (Scenario.Marketplace marketplace : scenario.marketplaces()) {
      Lags channelLags = new Lags(marketplace, scenario.seed());
      lags.put(marketplace.channel(), channelLags);
      marketplaces.applyAfter(
          standIn(marketplace.channel()), () -> scale.wall(channelLags.apply()));
    }
    Properties properties = stack.kafkaProperties();
    properties.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    properties.setProperty(ProducerConfig.LINGER_MS_CONFIG, "2");
    this.producer =
        new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
    this.outputs = new CommittedOutputs(stack.kafkaProperties(), topics, this::onDecision);
  }

  /** The stand-in serving a marketplace channel of the shipped allocation.yaml. */
  static Marketplace standIn(String channel) {
    try {
      return Marketplace.valueOf(channel.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "marketplace channel " + channel + " has no stand-in; use amazon or walmart", e);
    }
  }

  /**
   * Receives the stock, announces the sales, plays {@code visits} and waits until every hold has
   * ended and every order is reported; {@code progress} is told where the sale stands each {@code
   * every}.
   */
  public LiveOutcome play(List<Visit> visits, Consumer<Progress> progress, Duration every)
      throws InterruptedException {
    long begun = System.nanoTime();
    Instant received = Instant.now();
    for (String sku : scenario.products().skus()) {
      send(
          topics.inventoryStock(),
          sku,
          new StockMovement(
              "receipt-" + sku,
              sku,
              Pool.MAIN,
              StockKind.RECEIVED,
              scenario.products().stock(),
              null,
              received));
    }
    sendForecasts(received);
    producer.flush();
    // The first shoppers find the stock received, and the marketplaces their first quotas pushed.
    Thread.sleep(SETTLE.toMillis());
    start = Instant.now();
    for (Scenario.Sale sale : scenario.sales()) {
      send(topics.salesCalendar(), sale.id(), saleEvent(sale));
    }
    inFlight.addAndGet(visits.size());
    for (Visit visit : visits) {
      at(visit.at(), () -> visit(visit));
    }
    var reporter =
        clock.scheduleAtFixedRate(
            () -> progress.accept(progress()), 0, every.toMillis(), TimeUnit.MILLISECONDS);
    Instant deadline =
        start
            .plus(scale.wall(scenario.duration().plus(longestLag()).plus(scenario.holdTtl())))
            .plus(ANSWER_TIMEOUT);
    while (inFlight.get() > 0) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            inFlight.get()
                + " cart events or orders still unanswered "
                + ANSWER_TIMEOUT.toSeconds()
                + " s after the sale should have ended: are the jobs running?");
      }
      Thread.sleep(50);
    }
    // What is still held expires within a hold's lifetime; what is committed is read within a
    // checkpoint or two.
    Thread.sleep(
        scale
            .wall(scenario.holdTtl())
            .plus(TimeScale.SIMULATED_OUT_OF_ORDERNESS)
            .plusSeconds(2)
            .toMillis());
    reporter.cancel(false);
    progress.accept(progress());
    return new LiveOutcome(
        book.outcome("flashsale"),
        outputs.quotaChanges(),
        outputs.alerts(),
        outputs.incidents(),
        outputs.deadLetters(),
        Duration.ofNanos(System.nanoTime() - begun));
  }

  /**
   * The demand a planning team would forecast: each channel's usual rate, shared among the SKUs by
   * popularity. Lifts are not in it: a sale announces its own, and the rest the system must find
   * out.
   */
  private void sendForecasts(Instant from) {
    double[] shares = DemandTrace.popularity(scenario.products());
    List<String> skus = scenario.products().skus();
    Scenario.OwnStore store = scenario.ownStore();
    Map<String, Double> unitsPerHour = new HashMap<>();
    unitsPerHour.put(
        Scenario.OWN_STORE,
        store.shoppersPerHour() * store.checkout() * (1 + store.maxUnits()) / 2.0);
    scenario.marketplaces().forEach(m -> unitsPerHour.put(m.channel(), m.buyersPerHour()));
    Instant to = from.plus(scale.wall(scenario.duration()));
    for (int i = 0; i < skus.size(); i++) {
      String sku = skus.get(i);
      for (Map.Entry<String, Double> channel : unitsPerHour.entrySet()) {
        // Per hour of the sale, so per hour of event time times the speed.
        double wallRate = channel.getValue() * shares[i] * scenario.speed();
        send(
            topics.demandForecasts(),
            sku,
            new DemandForecast(
                "forecast-" + sku + "-" + channel.getKey(),
                sku,
                channel.getKey(),
                wallRate,
                from,
                to,
                "flashsale-simulator"));
      }
    }
  }

  private Duration longestLag() {
    return scenario.marketplaces().stream()
        .map(Scenario.Marketplace::maxLag)
        .max(Duration::compareTo)
        .orElse(Duration.ZERO)
        .plus(scenario.ownStore().thinkTime().max());
  }

  private SaleEvent saleEvent(Scenario.Sale sale) {
    return new SaleEvent(
        "sale-" + sale.id(),
        sale.id(),
        SaleEventType.SCHEDULED,
        sale.channel(),
        scenario.products().skus(),
        sale.expectedLift() > 0 ? sale.expectedLift() : null,
        null,
        (int) scale.wall(scenario.holdTtl()).toSeconds(),
        null,
        sale.discountPercent() > 0 ? sale.discountPercent() : null,
        sale.budget(),
        start.plus(scale.wall(sale.from())),
        start.plus(scale.wall(sale.to())),
        start);
  }

  private void visit(Visit visit) {
    if (visit instanceof Visit.Shopper shopper) {
      String eventId = "hold-" + ids.incrementAndGet();
      awaitingHold.put(eventId, new Asked(shopper, Instant.now()));
      send(
          topics.storefrontCarts(),
          shopper.sku(),
          cart(eventId, CartEventType.HOLD_REQUESTED, shopper));
    } else {
      buy((Visit.Buyer) visit);
      inFlight.decrementAndGet();
    }
  }

  private void buy(Visit.Buyer buyer) {
    if (!marketplaces.sell(standIn(buyer.channel()), buyer.sku(), buyer.units())) {
      book.unmet(buyer.sku(), buyer.units());
      return;
    }
    book.sold(buyer.channel(), buyer.sku(), buyer.units());
    Instant placed = Instant.now();
    String orderId = buyer.channel() + "-" + ids.incrementAndGet();
    inFlight.incrementAndGet();
    after(
        lags.get(buyer.channel()).report(),
        () -> {
          send(
              topics.marketplaceOrders(),
              buyer.sku(),
              new MarketplaceOrder(
                  "order-" + orderId,
                  buyer.channel(),
                  orderId,
                  buyer.sku(),
                  buyer.units(),
                  OrderStatus.CREATED,
                  Pool.MAIN,
                  placed));
          inFlight.decrementAndGet();
        });
  }

  /** A storefront reading its answers: acts on granted holds, counts checkouts and refusals. */
  private void onDecision(Decision decision) {
    if (decision.requestEventId() == null || Boolean.TRUE.equals(decision.duplicate())) {
      return; // an expiry, or the answer to a re-sent event
    }
    Asked asked = awaitingHold.remove(decision.requestEventId());
    if (asked != null) {
      Visit.Shopper shopper = asked.shopper();
      if (decision.status() == DecisionStatus.GRANTED) {
        granted.incrementAndGet();
        actOnHold(asked, decision.holdId());
      } else {
        refused.incrementAndGet();
        if (shopper.genuine()) {
          book.unmet(shopper.sku(), shopper.units());
        }
        inFlight.decrementAndGet();
      }
      return;
    }
    Visit.Shopper shopper = awaitingCheckout.remove(decision.requestEventId());
    if (shopper != null) {
      if (decision.status() == DecisionStatus.COMMITTED) {
        book.sold(Scenario.OWN_STORE, shopper.sku(), decision.quantity());
      } else {
        book.rejectedAfterHold();
        if (shopper.genuine()) {
          book.unmet(shopper.sku(), shopper.units());
        }
      }
      inFlight.decrementAndGet();
    }
  }

  /**
   * Acts a think time after the hold was asked for: the decision's latency, a fraction of a second,
   * would otherwise stretch to minutes of sale time at high speeds.
   */
  private void actOnHold(Asked asked, String holdId) {
    Visit.Shopper shopper = asked.shopper();
    Instant due = asked.at().plus(scale.wall(shopper.thinkTime()));
    Duration delay = scale.sale(Duration.between(Instant.now(), due));
    switch (shopper.intent()) {
      case CHECKOUT ->
          after(
              delay,
              () -> {
                String eventId = "checkout-" + holdId;
                book.checkout();
                awaitingCheckout.put(eventId, shopper);
                send(
                    topics.storefrontCarts(),
                    shopper.sku(),
                    cart(eventId, CartEventType.CHECKOUT_COMPLETED, shopper, holdId));
              });
      case RELEASE ->
          after(
              delay,
              () -> {
                send(
                    topics.storefrontCarts(),
                    shopper.sku(),
                    cart("release-" + holdId, CartEventType.HOLD_RELEASED, shopper, holdId));
                inFlight.decrementAndGet();
              });
      case WALK_AWAY -> inFlight.decrementAndGet();
    }
  }

  private CartEvent cart(String eventId, CartEventType type, Visit.Shopper shopper) {
    return cart(eventId, type, shopper, "H-" + eventId);
  }

  private CartEvent cart(String eventId, CartEventType type, Visit.Shopper shopper, String holdId) {
    boolean checkout = type == CartEventType.CHECKOUT_COMPLETED;
    return new CartEvent(
        eventId,
        type,
        Scenario.OWN_STORE,
        shopper.sku(),
        shopper.units(),
        holdId,
        "cart-" + shopper.customerId(),
        shopper.customerId(),
        checkout ? "O-" + holdId : null,
        "S-" + shopper.customerId(),
        shopper.deviceId(),
        shopper.ip(),
        shopper.couponCodes().isEmpty() ? null : shopper.couponCodes(),
        scenario.products().price(),
        "USD",
        checkout ? "PAY-" + shopper.customerId() : null,
        checkout ? "ADDR-" + shopper.customerId() : null,
        Instant.now());
  }

  private Progress progress() {
    Duration elapsed = scale.sale(Duration.between(start, Instant.now()));
    Outcome sofar = book.outcome("flashsale");
    return new Progress(
        elapsed.compareTo(scenario.duration()) < 0 ? elapsed : scenario.duration(),
        scenario.duration(),
        granted.get(),
        refused.get(),
        sofar.soldUnits(),
        sofar.stockUnits(),
        outputs.quotaChanges().values().stream().mapToLong(Long::longValue).sum(),
        outputs.alerts().values().stream().mapToLong(Long::longValue).sum(),
        outputs.incidents());
  }

  /** Runs {@code action} at a sale time from the start. */
  private void at(Duration saleTime, Runnable action) {
    long due = start.plus(scale.wall(saleTime)).toEpochMilli() - System.currentTimeMillis();
    clock.schedule(guarded(action), Math.max(0, due), TimeUnit.MILLISECONDS);
  }

  /** Runs {@code action} a sale-time {@code delay} from now. */
  private void after(Duration delay, Runnable action) {
    clock.schedule(
        guarded(action), Math.max(0, scale.wall(delay).toMillis()), TimeUnit.MILLISECONDS);
  }

  private static Runnable guarded(Runnable action) {
    return () -> {
      try {
        action.run();
      } catch (RuntimeException e) {
        System.err.println("simulator: " + e);
      }
    };
  }

  private void send(String topic, String key, Object event) {
    producer.send(
        new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), EventJson.write(event)));
  }

  @Override
  public void close() throws InterruptedException {
    clock.shutdownNow();
    producer.close(Duration.ofSeconds(5));
    outputs.close();
  }
}
