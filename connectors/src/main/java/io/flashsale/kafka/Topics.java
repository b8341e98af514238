package io.flashsale.kafka;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The contract's topics under a configurable prefix, and how each is created. Compacted topics keep
 * every version for at least an hour, so a consumer that falls behind can still read each one.
 */
public record Topics(String prefix) implements Serializable {

  private static final String COMPACTION_LAG_MS = String.valueOf(Duration.ofHours(1).toMillis());
  private static final String DEAD_LETTER_RETENTION_MS =
      String.valueOf(Duration.ofDays(30).toMillis());

  public static final Topics DEFAULT = new Topics("");

  public String inventoryStock() {
    return prefix + "inventory.stock";
  }

  public String storefrontCarts() {
    return prefix + "storefront.carts";
  }

  public String marketplaceOrders() {
    return prefix + "marketplace.orders";
  }

  public String salesCalendar() {
    return prefix + "sales.calendar";
  }

  public String demandForecasts() {
    return prefix + "demand.forecasts";
  }

  public String channelAcks() {
    return prefix + "channel.acks";
  }

  public String allocationOverrides() {
    return prefix + "allocation.overrides";
  }

  public String fbaRecommendations() {
    return prefix + "fba.recommendations";
  }

  public String reservationsDecisions() {
    return prefix + "reservations.decisions";
  }

  public String inventoryPositions() {
    return prefix + "inventory.positions";
  }

  public String channelQuotas() {
    return prefix + "channel.quotas";
  }

  public String fraudAlerts() {
    return prefix + "fraud.alerts";
  }

  public String oversellIncidents() {
    return prefix + "oversell.incidents";
  }

  public String deadLetter() {
    return prefix + "deadletter";
  }

  /** Every topic of the contract, each with {@code partitions} partitions. */
  public List<TopicSpec> all(int partitions) {
    Map<String, String> compacted =
        Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", COMPACTION_LAG_MS);
    Map<String, String> deleted = Map.of();
    return List.of(
        new TopicSpec(inventoryStock(), partitions, deleted),
        new TopicSpec(storefrontCarts(), partitions, deleted),
        new TopicSpec(marketplaceOrders(), partitions, deleted),
        new TopicSpec(salesCalendar(), 1, deleted),
        new TopicSpec(demandForecasts(), partitions, deleted),
        new TopicSpec(channelAcks(), partitions, deleted),
        new TopicSpec(allocationOverrides(), partitions, compacted),
        new TopicSpec(fbaRecommendations(), partitions, compacted),
        new TopicSpec(reservationsDecisions(), partitions, deleted),
        new TopicSpec(inventoryPositions(), partitions, compacted),
        new TopicSpec(channelQuotas(), partitions, compacted),
        new TopicSpec(fraudAlerts(), partitions, deleted),
        new TopicSpec(oversellIncidents(), partitions, deleted),
        new TopicSpec(deadLetter(), partitions, Map.of("retention.ms", DEAD_LETTER_RETENTION_MS)));
  }
}
