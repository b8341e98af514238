package io.flashsale.cluster;

import io.flashsale.events.CartEvent;
import io.flashsale.events.MarketplaceOrder;
import io.flashsale.events.StockMovement;
import io.flashsale.inventory.FlashSaleScenario;
import io.flashsale.kafka.Topics;
import io.flashsale.serde.EventJson;
import io.flashsale.testing.Producing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * A {@link FlashSaleScenario}'s sale (its cart events, marketplace orders and shipments; the
 * receipts go first, on their own) sent at its own pace, from a background thread, so that the sale
 * goes on while the job is down: the first event at once, each next one as much later as its {@code
 * occurredAt} is. Cart events keep the scenario's order, so a re-sent one goes out where the
 * scenario re-sends it.
 */
final class SaleReplay {

  private record Send(String topic, String key, Object event, String eventId, Instant at) {}

  private final List<Send> sends = new ArrayList<>();
  private final Map<String, Long> firstSentMillis = new ConcurrentHashMap<>();
  private final AtomicInteger sent = new AtomicInteger();

  SaleReplay(FlashSaleScenario scenario, Topics topics) {
    Instant cartTime = Instant.MIN;
    for (CartEvent cart : scenario.carts) {
      cartTime = cart.occurredAt().isAfter(cartTime) ? cart.occurredAt() : cartTime;
      sends.add(new Send(topics.storefrontCarts(), cart.sku(), cart, cart.eventId(), cartTime));
    }
    for (MarketplaceOrder order : scenario.orders) {
      sends.add(
          new Send(
              topics.marketplaceOrders(), order.sku(), order, order.eventId(), order.occurredAt()));
    }
    for (StockMovement shipment : scenario.shipments) {
      sends.add(
          new Send(
              topics.inventoryStock(),
              shipment.sku(),
              shipment,
              shipment.eventId(),
              shipment.occurredAt()));
    }
    sends.sort(Comparator.comparing(Send::at)); // stable: cart events keep their order
  }

  int size() {
    return sends.size();
  }

  /** The ids of the cart events among events {@code from} (inclusive) to {@code to} (exclusive). */
  Set<String> cartEventIds(int from, int to) {
    return sends.subList(from, to).stream()
        .filter(send -> send.event() instanceof CartEvent)
        .map(Send::eventId)
        .collect(Collectors.toSet());
  }

  /** How many times the sale sends each event (it re-sends some), by topic and event id. */
  Map<String, Map<String, Long>> sendsByTopic() {
    return sends.stream()
        .collect(
            Collectors.groupingBy(
                Send::topic, Collectors.groupingBy(Send::eventId, Collectors.counting())));
  }

  /** How many events have been sent (handed to the producer, which delivers them when it can). */
  int sent() {
    return sent.get();
  }

  /** When an event was first sent (wall clock, epoch milliseconds), or null if not yet. */
  Long firstSentMillis(String eventId) {
    return firstSentMillis.get(eventId);
  }

  /** Starts sending events {@code from} (inclusive) to {@code to} (exclusive) in the background. */
  Thread play(Producing producing, int from, int to) {
    long lag = System.currentTimeMillis() - sends.get(from).at().toEpochMilli();
    Thread player =
        new Thread(
            () -> {
              for (Send send : sends.subList(from, to)) {
                long wait = send.at().toEpochMilli() + lag - System.currentTimeMillis();
                if (wait > 0) {
                  // No flush: a storefront takes orders while the brokers are away, and its
                  // producer sends them once they are back.
                  LockSupport.parkNanos(wait * 1_000_000);
                }
                producing.sendRaw(send.topic(), send.key(), EventJson.write(send.event()));
                firstSentMillis.putIfAbsent(send.eventId(), System.currentTimeMillis());
                sent.incrementAndGet();
              }
              producing.flush();
            },
            "sale-replay");
    player.setDaemon(true);
    player.start();
    return player;
  }
}
