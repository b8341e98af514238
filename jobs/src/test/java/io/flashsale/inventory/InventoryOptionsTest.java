package io.flashsale.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flashsale.inventory.ledger.LedgerPolicy;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/** The inventory job's options become the ledger's rules. */
class InventoryOptionsTest {

  @Test
  void shouldTakeTheLedgersRulesFromTheJobOptions() {
    LedgerPolicy policy =
        InventoryOptions.policy(
            Configuration.fromMap(
                Map.of(
                    "inventory.hold-ttl", "90s",
                    "inventory.duplicate-horizon", "2h",
                    "inventory.order-wait", "30min",
                    "inventory.hold-limit-per-customer", "4")));

    assertThat(policy)
        .isEqualTo(
            new LedgerPolicy(
                Duration.ofSeconds(90), Duration.ofHours(2), Duration.ofMinutes(30), 4));
  }

  @Test
  void shouldHaveNoHoldLimitUnlessConfigured() {
    assertThat(InventoryOptions.policy(new Configuration())).isEqualTo(LedgerPolicy.DEFAULT);
    assertThat(LedgerPolicy.DEFAULT.holdLimitPerCustomer()).isZero();
  }

  @Test
  void shouldRefuseANegativeHoldLimit() {
    Configuration config = Configuration.fromMap(Map.of("inventory.hold-limit-per-customer", "-1"));

    assertThatThrownBy(() -> InventoryOptions.policy(config))
        .hasMessageContaining("hold limit must be 0 (none) or positive, got -1");
  }
}
