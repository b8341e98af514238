package io.flashsale.inventory;

import static org.apache.flink.configuration.ConfigOptions.key;

import io.flashsale.inventory.allocation.AllocationConfig;
import io.flashsale.inventory.ledger.LedgerPolicy;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;

/** The inventory job's own settings. */
public final class InventoryOptions {

  public static final ConfigOption<Duration> HOLD_TTL =
      key("inventory.hold-ttl")
          .durationType()
          .defaultValue(LedgerPolicy.DEFAULT.defaultHoldTtl())
          .withDescription(
              "How long a cart hold lasts, unless a sale in effect sets holdTtlSeconds.");

  public static final ConfigOption<Duration> DUPLICATE_HORIZON =
      key("inventory.duplicate-horizon")
          .durationType()
          .defaultValue(LedgerPolicy.DEFAULT.duplicateHorizon())
          .withDescription(
              "A re-sent eventId is recognised for at least this long in event time, and at most"
                  + " twice as long. Memory grows with it: each event's answer is kept.");

  public static final ConfigOption<Duration> ORDER_WAIT =
      key("inventory.order-wait")
          .durationType()
          .defaultValue(LedgerPolicy.DEFAULT.orderWait())
          .withDescription(
              "How long a shipment or cancellation waits for its order when it arrives first.");

  public static final ConfigOption<Integer> HOLD_LIMIT_PER_CUSTOMER =
      key("inventory.hold-limit-per-customer")
          .intType()
          .defaultValue(0)
          .withDescription(
              "The most units of one SKU that one customerId, and one deviceId, may hold at once;"
                  + " a hold request beyond it is REJECTED with reason HOLD_LIMIT, so bots cannot"
                  + " lock up a sale's stock with holds. 0: no limit.");

  public static final ConfigOption<String> ALLOCATION_FILE =
      key("allocation.config-file")
          .stringType()
          .noDefaultValue()
          .withDescription(
              "The channels and allocation policy (see flink-conf/allocation.yaml, whose copy in"
                  + " the jar is the default).");

  public static final ConfigOption<String> GROUP_ID =
      key("inventory.group-id")
          .stringType()
          .defaultValue("flashsale-inventory")
          .withDescription("Kafka consumer group and transactional id prefix of the job.");

  private InventoryOptions() {}

  public static AllocationConfig allocation(ReadableConfig config) {
    return config
        .getOptional(ALLOCATION_FILE)
        .map(file -> AllocationConfig.read(Path.of(file)))
        .orElseGet(AllocationConfig::defaults);
  }

  static LedgerPolicy policy(ReadableConfig config) {
    return new LedgerPolicy(
        config.get(HOLD_TTL),
        config.get(DUPLICATE_HORIZON),
        config.get(ORDER_WAIT),
        config.get(HOLD_LIMIT_PER_CUSTOMER));
  }
}
