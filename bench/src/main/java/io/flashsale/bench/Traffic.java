package io.flashsale.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Which SKU each hold request of a scenario asks for, from a fixed seed. */
final class Traffic {

  /** The SKU the hot scenario's traffic piles onto. */
  static final String HOT_SKU = sku(0);

  private static final double HOT_SHARE = 0.9;

  private final String name;
  private final int skus;
  private final double hotShare;
  private final double[] zipfCumulative;
  private final SplittableRandom random = new SplittableRandom(20261123L);

  private Traffic(String name, int skus, double hotShare, double[] zipfCumulative) {
    this.name = name;
    this.skus = skus;
    this.hotShare = hotShare;
    this.zipfCumulative = zipfCumulative;
  }

  /** 90% of the requests on one SKU, the rest spread evenly over the others. */
  static Traffic hot(int skus) {
    return new Traffic("hot", skus, HOT_SHARE, null);
  }

  /** Popularity by Zipf's law (exponent 1): the k-th most popular SKU gets a share of 1/k. */
  static Traffic wide(int skus) {
    double[] cumulative = new double[skus];
    double sum = 0;
    for (int k = 0; k < skus; k++) {
      sum += 1.0 / (k + 1);
      cumulative[k] = sum;
    }
    for (int k = 0; k < skus; k++) {
      cumulative[k] /= sum;
    }
    return new Traffic("wide", skus, 0, cumulative);
  }

  /** Every SKU equally often. */
  static Traffic uniform(int skus) {
    return new Traffic("uniform", skus, 0, null);
  }

  static String sku(int index) {
    return "BENCH-" + index;
  }

  String name() {
    return name;
  }

  int skus() {
    return skus;
  }

  String next() {
    if (hotShare > 0) {
      return random.nextDouble() < hotShare ? HOT_SKU : sku(1 + random.nextInt(skus - 1));
    }
    if (zipfCumulative != null) {
      int found = Arrays.binarySearch(zipfCumulative, random.nextDouble());
      return sku(Math.min(skus - 1, found >= 0 ? found : -found - 1));
    }
    return sku(random.nextInt(skus));
  }
}
