package io.flashsale.fraud.scoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;

/**
 * A subject's risk, 0-100, from the weights of the rules that matched it: {@code 100 × (1 − Π(1 −
 * wᵢ/100))}, rounded half up. One rule alone scores its weight; each further rule closes part of
 * the remaining gap to 100, so independent evidence adds up without ever passing 100, and the order
 * in which signals arrive does not matter.
 */
public final class RiskScore {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private RiskScore() {}

  /**
   * @param weights one weight (1-100) per distinct rule; empty scores 0
   */
  public static int combine(Collection<Integer> weights) {
    // Decimal arithmetic is exact here: 75 and 90 give 97.5, which rounds to 98, not 97.
    BigDecimal remaining = BigDecimal.ONE;
    for (int weight : weights) {
      if (weight < 1 || weight > 100) {
        throw new IllegalArgumentException("weights are 1-100, got " + weight);
      }
      remaining = remaining.multiply(BigDecimal.valueOf(100 - weight).movePointLeft(2));
    }
    return HUNDRED
        .multiply(BigDecimal.ONE.subtract(remaining))
        .setScale(0, RoundingMode.HALF_UP)
        .intValueExact();
  }
}
