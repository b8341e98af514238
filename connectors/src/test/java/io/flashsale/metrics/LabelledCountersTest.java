package io.flashsale.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

class LabelledCountersTest {

  private final LabelledCounters counters =
      new LabelledCounters(new UnregisteredMetricsGroup(), "deadLetters", "topic", "reason");

  @Test
  void shouldKeepOneCounterPerSetOfLabelValues() {
    counters.of("carts", "invalid").inc();
    counters.of("carts", "invalid").inc();
    counters.of("carts", "empty").inc();

    assertThat(counters.of("carts", "invalid").getCount()).isEqualTo(2);
    assertThat(counters.of("carts", "empty").getCount()).isEqualTo(1);
    assertThat(counters.of("orders", "invalid").getCount()).isZero();
  }

  @Test
  void shouldRefuseValuesThatDoNotMatchTheKeys() {
    assertThatThrownBy(() -> counters.of("carts"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[topic, reason]");
  }
}
