package io.flashsale.simulator;

import io.flashsale.simulator.Visit.Intent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The visits of a scenario, the same for the same seed: arrivals of each channel as a Poisson
 * process whose rate follows the demand curve, the SKU of each drawn by popularity, plus the bots
 * and coupon rings. Every policy is played against the same trace.
 */
public final class DemandTrace {

  private static final double HOUR_MS = 3_600_000.0;

  private final Scenario scenario;
  private final Random random;
  private final double[] popularity;
  private final List<Visit> visits = new ArrayList<>();
  private int shoppers;

  private DemandTrace(Scenario scenario) {
    this.scenario = scenario;
    this.random = new Random(scenario.seed());
    this.popularity = cumulativePopularity(scenario.products());
  }

  /** The visits of {@code scenario}, in order of time. */
  public static List<Visit> of(Scenario scenario) {
    DemandTrace trace = new DemandTrace(scenario);
    trace.shoppers();
    for (Scenario.Marketplace marketplace : scenario.marketplaces()) {
      trace.buyers(marketplace);
    }
    scenario.bots().forEach(trace::bot);
    scenario.couponRings().forEach(trace::couponRing);
    trace.visits.sort(Comparator.comparing(Visit::at));
    return List.copyOf(trace.visits);
  }

  private void shoppers() {
    Scenario.OwnStore store = scenario.ownStore();
    for (Duration at : arrivals(Scenario.OWN_STORE, store.shoppersPerHour())) {
      double choice = random.nextDouble();
      Intent intent =
          choice < store.checkout()
              ? Intent.CHECKOUT
              : choice < store.checkout() + store.release() ? Intent.RELEASE : Intent.WALK_AWAY;
      int shopper = ++shoppers;
      visits.add(
          new Visit.Shopper(
              at,
              popularSku(),
              1 + random.nextInt(store.maxUnits()),
              intent,
              uniform(store.thinkTime()),
              "C-" + shopper,
              "D-" + shopper,
              ip(shopper),
              List.of(),
              true));
    }
  }

  private void buyers(Scenario.Marketplace marketplace) {
    for (Duration at : arrivals(marketplace.channel(), marketplace.buyersPerHour())) {
      visits.add(new Visit.Buyer(at, marketplace.channel(), popularSku(), 1));
    }
  }

  /** One device asking for holds on the most wanted SKU in a burst, never checking out. */
  private void bot(Scenario.BotAttack attack) {
    int bot = ++shoppers;
    String sku = scenario.products().skus().get(0);
    for (int i = 0; i < attack.holds(); i++) {
      Duration at = attack.at().plus(attack.over().multipliedBy(i).dividedBy(attack.holds()));
      visits.add(
          new Visit.Shopper(
              at,
              sku,
              scenario.ownStore().maxUnits(),
              Intent.WALK_AWAY,
              Duration.ZERO,
              "BOT-" + bot + "-" + i,
              "D-BOT-" + bot,
              ip(bot),
              List.of(),
              false));
    }
  }

  /** Customers each buying one unit with the same leaked code within a short time. */
  private void couponRing(Scenario.CouponRing ring) {
    for (int i = 0; i < ring.customers(); i++) {
      int shopper = ++shoppers;
      Duration at = ring.at().plus(ring.over().multipliedBy(i).dividedBy(ring.customers()));
      visits.add(
          new Visit.Shopper(
              at,
              popularSku(),
              1,
              Intent.CHECKOUT,
              uniform(scenario.ownStore().thinkTime()),
              "C-" + shopper,
              "D-" + shopper,
              ip(shopper),
              List.of(ring.code()),
              false));
    }
  }

  /** Arrival times with rate {@code perHour} times the channel's lift, by thinning. */
  private List<Duration> arrivals(String channel, double perHour) {
    List<Duration> times = new ArrayList<>();
    double peak = perHour * scenario.maxLift(channel);
    if (peak <= 0) {
      return times;
    }
    double end = scenario.duration().toMillis();
    double t = 0;
    while (true) {
      t += -Math.log(1 - random.nextDouble()) / peak * HOUR_MS;
      if (t >= end) {
        return times;
      }
      Duration at = Duration.ofMillis((long) t);
      if (random.nextDouble() * peak < perHour * scenario.lift(channel, at)) {
        times.add(at);
      }
    }
  }

  private String popularSku() {
    double draw = random.nextDouble();
    int i = 0;
    while (i < popularity.length - 1 && popularity[i] < draw) {
      i++;
    }
    return scenario.products().skus().get(i);
  }

  private Duration uniform(Scenario.Range range) {
    long spread = range.max().toMillis() - range.min().toMillis();
    return range.min().plusMillis((long) (random.nextDouble() * spread));
  }

  private static String ip(int shopper) {
    return "10." + (shopper >> 16 & 255) + "." + (shopper >> 8 & 255) + "." + (shopper & 255);
  }

  /** Each SKU's share of the demand: SKU i (from 1) is wanted in proportion to 1 / i^skew. */
  static double[] popularity(Scenario.Products products) {
    double[] shares = new double[products.count()];
    double sum = 0;
    for (int i = 0; i < shares.length; i++) {
      shares[i] = 1 / Math.pow(i + 1, products.popularitySkew());
      sum += shares[i];
    }
    for (int i = 0; i < shares.length; i++) {
      shares[i] /= sum;
    }
    return shares;
  }

  private static double[] cumulativePopularity(Scenario.Products products) {
    double[] cumulative = popularity(products);
    for (int i = 1; i < cumulative.length; i++) {
      cumulative[i] += cumulative[i - 1];
    }
    return cumulative;
  }
}
