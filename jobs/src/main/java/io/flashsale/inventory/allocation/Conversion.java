package io.flashsale.inventory.allocation;

/**
 * A SKU's hold-to-checkout conversion, learned from its own holds with a prior (a Beta
 * distribution), and the overbooking it allows: holds may exceed the units they could be committed
 * from by the inverse of a cautious (upper) estimate of conversion, capped by policy.
 */
public final class Conversion {

  private Conversion() {}

  /** The expected conversion. */
  public static double rate(AllocationPolicy policy, long checkouts, long holdsEnded) {
    return (policy.conversionPriorCheckouts() + checkouts)
        / (policy.conversionPriorHolds() + holdsEnded);
  }

  /**
   * How far holds may exceed committable units: 1 / (mean + 2 standard deviations of the
   * conversion), so that an uncertain estimate overbooks little, never more than the cap.
   */
  public static double overbookingFactor(AllocationPolicy policy, long checkouts, long holdsEnded) {
    double a = policy.conversionPriorCheckouts() + checkouts;
    double b =
        policy.conversionPriorHolds() - policy.conversionPriorCheckouts() + holdsEnded - checkouts;
    double mean = a / (a + b);
    double deviation = Math.sqrt(a * b / ((a + b) * (a + b) * (a + b + 1)));
    double cautious = Math.min(1, mean + 2 * deviation);
    return Math.max(1, Math.min(policy.overbookingCap(), 1 / cautious));
  }
}
