package io.flashsale.inventory.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ConversionTest {

  private static final AllocationPolicy POLICY = AllocationConfig.defaults().policy();

  @Test
  void shouldStartFromThePriorAndLearnTheSkusOwnConversion() {
    assertThat(Conversion.rate(POLICY, 0, 0)).isEqualTo(0.6);
    assertThat(Conversion.rate(POLICY, 300, 1000)).isCloseTo(0.303, within(0.001));
  }

  @Test
  void shouldOverbookLittleWhileUnsureAndUpToTheCapOnceSure() {
    double unsure = Conversion.overbookingFactor(POLICY, 0, 0);
    assertThat(unsure).isBetween(1.0, 1.15);
    assertThat(Conversion.overbookingFactor(POLICY, 3000, 10_000))
        .isEqualTo(POLICY.overbookingCap());
  }

  @Test
  void shouldNotOverbookASkuThatAlwaysConverts() {
    assertThat(Conversion.overbookingFactor(POLICY, 1000, 1000)).isCloseTo(1.0, within(0.001));
  }
}
