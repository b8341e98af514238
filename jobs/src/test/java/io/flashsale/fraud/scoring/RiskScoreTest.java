package io.flashsale.fraud.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class RiskScoreTest {

  @Test
  void shouldScoreTheDocumentedExamples() {
    assertThat(RiskScore.combine(List.of())).isZero();
    assertThat(RiskScore.combine(List.of(75))).isEqualTo(75);
    assertThat(RiskScore.combine(List.of(75, 90))).as("97.5 rounds half up").isEqualTo(98);
    assertThat(RiskScore.combine(List.of(75, 75))).as("93.75").isEqualTo(94);
    assertThat(RiskScore.combine(List.of(80, 85))).isEqualTo(97);
    assertThat(RiskScore.combine(List.of(75, 90, 90))).as("99.75").isEqualTo(100);
    assertThat(RiskScore.combine(List.of(100, 1))).isEqualTo(100);
  }

  @Test
  void shouldRefuseAWeightOutside1To100() {
    assertThatThrownBy(() -> RiskScore.combine(List.of(0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RiskScore.combine(List.of(101)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Property
  void shouldStayBetweenTheStrongestWeightAnd100(
      @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 1, max = 100) Integer> weights) {
    int score = RiskScore.combine(weights);
    assertThat(score).isBetween(Collections.max(weights), 100);
  }

  @Property
  void shouldNotDependOnTheOrderOfTheSignals(
      @ForAll @Size(max = 8) List<@IntRange(min = 1, max = 100) Integer> weights) {
    List<Integer> reversed = new ArrayList<>(weights);
    Collections.reverse(reversed);
    assertThat(RiskScore.combine(reversed)).isEqualTo(RiskScore.combine(weights));
  }

  @Property
  void shouldNeverFallWhenAnotherRuleMatches(
      @ForAll @Size(max = 7) List<@IntRange(min = 1, max = 100) Integer> weights,
      @ForAll @IntRange(min = 1, max = 100) int another) {
    List<Integer> more = new ArrayList<>(weights);
    more.add(another);
    assertThat(RiskScore.combine(more)).isGreaterThanOrEqualTo(RiskScore.combine(weights));
  }
}
