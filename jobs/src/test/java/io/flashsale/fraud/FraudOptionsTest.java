package io.flashsale.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flashsale.events.FraudPattern;
import io.flashsale.fraud.patterns.FraudRule;
import io.flashsale.fraud.patterns.SharedCoupon;
import io.flashsale.fraud.scoring.ScoringPolicy;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class FraudOptionsTest {

  @Test
  void shouldRunEveryPatternOfTheContractWithUniqueRuleNames() {
    List<FraudRule> rules = FraudOptions.rules(new Configuration());

    assertThat(rules).extracting(FraudRule::name).doesNotHaveDuplicates();
    assertThat(rules)
        .extracting(FraudRule::pattern)
        .containsOnly(FraudPattern.values())
        .contains(FraudPattern.values());
  }

  @Test
  void shouldDefaultTo70NormallyAnd85DuringASale() {
    ScoringPolicy scoring = FraudOptions.scoring(new Configuration());

    assertThat(scoring.thresholdFor(false)).isEqualTo(70);
    assertThat(scoring.thresholdFor(true)).isEqualTo(85);
    assertThat(scoring.horizon()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void shouldReadEachRulesParametersFromTheConfiguration() {
    Configuration config = new Configuration();
    config.setString("fraud.shared-coupon.customers", "4");
    config.setString("fraud.shared-coupon.window", "30s");
    config.setString("fraud.shared-coupon.public-codes", "FLASH20;WELCOME");

    SharedCoupon rule =
        FraudOptions.rules(config).stream()
            .filter(SharedCoupon.class::isInstance)
            .map(SharedCoupon.class::cast)
            .findFirst()
            .orElseThrow();

    assertThat(rule.customers()).isEqualTo(4);
    assertThat(rule.window()).isEqualTo(Duration.ofSeconds(30));
    assertThat(rule.publicCodes()).containsExactlyInAnyOrder("FLASH20", "WELCOME");
  }

  @Test
  void shouldRefuseAWeightOrThresholdOutside1To100() {
    Configuration weight = new Configuration();
    weight.setString("fraud.fast-checkout.weight", "120");
    Configuration threshold = new Configuration();
    threshold.setString("fraud.sale-threshold", "0");

    assertThatThrownBy(() -> FraudOptions.rules(weight))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FraudOptions.scoring(threshold))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
