package io.flashsale.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashsale.channels.ChannelConfig;
import io.flashsale.config.EventTimeOptions;
import io.flashsale.fraud.FraudOptions;
import io.flashsale.inventory.InventoryOptions;
import io.flashsale.inventory.allocation.AllocationConfig;
import io.flashsale.inventory.allocation.AllocationPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimeScaleTest {

  @Test
  void convertsBetweenSaleTimeAndWallClockTime() {
    TimeScale scale = new TimeScale(240);

    assertThat(scale.wall(Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(15));
    assertThat(scale.sale(Duration.ofSeconds(15))).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void theSystemRunsOnTheScenariosClock(@TempDir Path dir) {
    Scenario primeDay = Scenario.load("prime-day");
    Configuration config = new Configuration();

    new TimeScale(primeDay.speed()).configure(config, primeDay, dir);

    // 480x: ten minutes of hold are 1.25 s; ten seconds of a fraud window about 21 ms.
    assertThat(config.get(InventoryOptions.HOLD_TTL)).isEqualTo(Duration.ofMillis(1250));
    assertThat(config.get(FraudOptions.HOLD_BURST_DEVICE_WINDOW)).isEqualTo(Duration.ofMillis(21));
    assertThat(config.get(FraudOptions.SHARED_COUPON_WINDOW)).isEqualTo(Duration.ofMillis(1250));
    assertThat(config.get(FraudOptions.SCORE_HORIZON)).isEqualTo(Duration.ofMillis(1250));
    assertThat(config.get(EventTimeOptions.OUT_OF_ORDERNESS)).isEqualTo(Duration.ofSeconds(1));

    AllocationConfig allocation = InventoryOptions.allocation(config);
    Map<String, Duration> lags =
        allocation.channels().stream()
            .collect(Collectors.toMap(ChannelConfig::id, ChannelConfig::maxSyncLag));
    // Amazon reports up to 2 h late, Walmart applies or reports up to 1 h: 15 s and 7.5 s.
    assertThat(lags)
        .containsEntry("amazon", Duration.ofSeconds(15))
        .containsEntry("walmart", Duration.ofMillis(7500))
        .containsEntry("web", Duration.ZERO);
    AllocationPolicy shipped = AllocationConfig.defaults().policy();
    AllocationPolicy scaled = allocation.policy();
    assertThat(scaled.rebalanceInterval()).isEqualTo(shipped.rebalanceInterval().dividedBy(480));
    assertThat(scaled.demandWindow()).isEqualTo(shipped.demandWindow().dividedBy(480));
    assertThat(scaled.demandSlide()).isEqualTo(shipped.demandSlide().dividedBy(480));
    assertThat(scaled.horizon()).isEqualTo(shipped.horizon().dividedBy(480));
    assertThat(scaled.minimumDeviationPerHour()).isEqualTo(shipped.minimumDeviationPerHour() * 480);
    assertThat(scaled.bufferPercent()).isEqualTo(shipped.bufferPercent());
  }
}
