package io.flashsale.fraud.scoring;

import java.io.Serializable;
import java.time.Duration;

/**
 * When a risk score becomes an alert.
 *
 * @param threshold the score at or above which a subject is flagged, normally
 * @param saleThreshold the same while a flash sale is in effect for the event that raised the
 *     score: shoppers are fast and eager then, so it takes more to flag one
 * @param horizon how long after its last event a match still counts towards its subject's score
 */
public record ScoringPolicy(int threshold, int saleThreshold, Duration horizon)
    implements Serializable {

  public ScoringPolicy {
    if (threshold < 1 || threshold > 100 || saleThreshold < 1 || saleThreshold > 100) {
      throw new IllegalArgumentException(
          "thresholds are 1-100: " + threshold + ", " + saleThreshold);
    }
    if (horizon.isNegative() || horizon.isZero()) {
      throw new IllegalArgumentException("the score horizon must be positive");
    }
  }

  public int thresholdFor(boolean saleInEffect) {
    return saleInEffect ? saleThreshold : threshold;
  }
}
