package io.flashsale.inventory.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class AllocatorTest {

  private static Claim claim(String channel, double demand, double weight, int min) {
    return new Claim(channel, demand, weight, min, true);
  }

  @Test
  void shouldSplitByDemandTimesWeight() {
    Map<String, Long> shares =
        Allocator.split(
            100,
            List.of(
                claim("web", 100, 1.5, 0),
                claim("amazon", 100, 1.0, 0),
                claim("walmart", 50, 1.0, 0)));
    // Keys 150 : 100 : 50, nobody capped at 100 units.
    assertThat(shares)
        .containsExactly(
            Map.entry("web", 50L), Map.entry("amazon", 33L), Map.entry("walmart", 17L));
  }

  @Test
  void shouldNeverGiveAChannelMoreThanItCanSellWhileAnotherNeedsIt() {
    Map<String, Long> shares =
        Allocator.split(100, List.of(claim("web", 200, 1.0, 0), claim("amazon", 5, 10.0, 0)));
    assertThat(shares).containsExactly(Map.entry("web", 95L), Map.entry("amazon", 5L));
  }

  @Test
  void shouldGiveWhatNobodyNeedsByWeight() {
    Map<String, Long> shares =
        Allocator.split(100, List.of(claim("web", 10, 3.0, 0), claim("amazon", 10, 1.0, 0)));
    assertThat(shares).containsExactly(Map.entry("web", 70L), Map.entry("amazon", 30L));
  }

  @Test
  void shouldKeepLeftoverFromChannelsThatShrinkToTheirNeed() {
    Map<String, Long> shares =
        Allocator.split(
            100, List.of(claim("web", 10, 1.0, 0), new Claim("amazon", 10, 1.0, 0, false)));
    assertThat(shares).containsExactly(Map.entry("web", 90L), Map.entry("amazon", 10L));
  }

  @Test
  void shouldHonourMinimumsFirstAndInOrderOfWeight() {
    assertThat(Allocator.split(3, List.of(claim("web", 50, 1.5, 2), claim("amazon", 0, 1.0, 2))))
        .containsExactly(Map.entry("web", 2L), Map.entry("amazon", 1L));
    assertThat(Allocator.split(10, List.of(claim("web", 50, 1.5, 0), claim("amazon", 0, 1.0, 2))))
        .containsExactly(Map.entry("web", 8L), Map.entry("amazon", 2L));
  }

  @Test
  void shouldSplitByWeightWithoutAnyDemand() {
    assertThat(Allocator.split(10, List.of(claim("web", 0, 1.5, 0), claim("amazon", 0, 1.0, 0))))
        .containsExactly(Map.entry("web", 6L), Map.entry("amazon", 4L));
  }

  @Test
  void shouldRoundToWholeUnitsByLargestRemainder() {
    assertThat(
            Allocator.split(
                10, List.of(claim("a", 1, 1, 0), claim("b", 1, 1, 0), claim("c", 1, 1, 0))))
        .containsExactly(Map.entry("a", 4L), Map.entry("b", 3L), Map.entry("c", 3L));
  }

  @Property
  void shouldAlwaysGiveAwayExactlyTheUnitsInWholeNonNegativeShares(
      @ForAll @LongRange(min = 0, max = 100_000) long units,
      @ForAll @DoubleRange(min = 0, max = 5_000) double demandA,
      @ForAll @DoubleRange(min = 0, max = 5_000) double demandB,
      @ForAll @DoubleRange(min = 0.1, max = 3) double weightB,
      @ForAll @IntRange(min = 0, max = 20) int minB) {
    Map<String, Long> shares =
        Allocator.split(
            units,
            List.of(
                claim("web", demandA, 1.5, 0),
                claim("amazon", demandB, weightB, minB),
                claim("walmart", 7, 1, 1)));
    assertThat(shares.values()).allMatch(share -> share >= 0);
    assertThat(shares.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(units);
  }
}
