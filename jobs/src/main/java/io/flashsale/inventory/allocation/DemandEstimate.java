package io.flashsale.inventory.allocation;

/**
 * One channel's demand for one SKU, in units per hour, by damped-trend exponential smoothing
 * (Holt's linear method with Gardner's damping).
 *
 * <p>Why this method: it needs three numbers of state per channel, follows a level and a trend, so
 * a flash sale's ramp is picked up within a few samples, and the damping keeps that trend from
 * being extrapolated across a 24-hour horizon, which plain Holt would do. The mean absolute error
 * kept beside it measures how volatile the demand is. A Flink POJO kept in keyed state.
 */
public final class DemandEstimate {

  /** Weight of a new sample in the level, of a new slope in the trend, and the damping. */
  static final double ALPHA = 0.3;

  static final double BETA = 0.1;
  static final double PHI = 0.9;

  public double level;
  public double trend;
  public double absError;
  public int samples;

  /** Units per hour expected over the next sample period. */
  public double nextPerHour() {
    return samples == 0 ? 0 : Math.max(0, level + PHI * trend);
  }

  /**
   * Units per hour expected on average over the next {@code periods} sample periods: the damped
   * trend adds less and less, up to PHI/(1-PHI) periods' worth.
   */
  public double meanPerHour(double periods) {
    if (samples == 0 || periods <= 0) {
      return 0;
    }
    double n = Math.max(1, periods);
    double dampedSteps = PHI * (1 - Math.pow(PHI, n)) / (1 - PHI);
    return Math.max(0, level + trend * dampedSteps / n);
  }

  /** Takes in the rate observed over the last sample period. */
  public void observe(double perHour) {
    if (samples == 0) {
      level = perHour;
      trend = 0;
      absError = 0;
    } else {
      double predicted = Math.max(0, level + PHI * trend);
      double previousLevel = level;
      // Demand is never negative, however steeply it fell.
      level = Math.max(0, ALPHA * perHour + (1 - ALPHA) * predicted);
      trend = BETA * (level - previousLevel) + (1 - BETA) * PHI * trend;
      absError = ALPHA * Math.abs(perHour - predicted) + (1 - ALPHA) * absError;
    }
    samples++;
  }

  /** How erratic demand is relative to its level, from 0 (steady) to 1 (as large as the level). */
  public double volatility() {
    if (samples < 3) {
      return 0;
    }
    return Math.min(1, absError / Math.max(level, 1));
  }
}
