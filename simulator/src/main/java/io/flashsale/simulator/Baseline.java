package io.flashsale.simulator;

/**
 * The policies tools without a real-time ledger use, which the same demand is played against. Both
 * publish a listing quantity to every channel on a fixed schedule; between syncs each channel sells
 * down what it was last given.
 */
public enum Baseline {
  /** Every channel is shown the whole count of unsold units, as hub-and-spoke sync tools do. */
  FULL_COUNT_SYNC("full-count-sync"),
  /** Every channel is shown a fixed percentage of the count of unsold units. */
  STATIC_SPLIT("static-split");

  private final String label;

  Baseline(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The baseline named {@code label}, for example {@code static-split}. */
  public static Baseline of(String label) {
    for (Baseline baseline : values()) {
      if (baseline.label.equals(label)) {
        return baseline;
      }
    }
    throw new IllegalArgumentException(
        "no baseline policy " + label + "; known: full-count-sync, static-split");
  }

  /** The quantity {@code channel} is shown when {@code unsold} units are known to be left. */
  long listing(String channel, long unsold, Scenario.Baselines settings) {
    if (this == FULL_COUNT_SYNC) {
      return unsold;
    }
    double percent = settings.staticSplit().getOrDefault(channel, 0.0);
    return (long) Math.floor(unsold * percent / 100);
  }
}
