package io.flashsale.simulator;

import io.flashsale.config.YamlFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A flash-sale scenario, read from YAML: the products, who shops where and how, the demand curve,
 * the sales announced on the calendar, the fraud, and the baselines to compare with. Durations are
 * sale time; {@code speed} says how much faster than the wall clock the sale is played.
 */
public record Scenario(
    String name,
    String description,
    long seed,
    Duration duration,
    double speed,
    Duration holdTtl,
    Products products,
    OwnStore ownStore,
    List<Marketplace> marketplaces,
    List<Lift> demand,
    List<Sale> sales,
    List<BotAttack> bots,
    List<CouponRing> couponRings,
    Baselines baselines) {

  /** The own store's channel id, as in flink-conf/allocation.yaml. */
  public static final String OWN_STORE = "web";

  public Scenario {
    require(name != null && !name.isBlank(), "a name");
    require(duration != null && !duration.isNegative() && !duration.isZero(), "a duration");
    require(speed >= 1, "a speed of at least 1");
    require(
        holdTtl != null && holdTtl.dividedBy((long) speed).toMillis() >= 1_000,
        "a holdTtl of at least one wall-clock second at its speed");
    require(
        products != null && ownStore != null && baselines != null,
        "products, ownStore and baselines");
    marketplaces = marketplaces == null ? List.of() : List.copyOf(marketplaces);
    demand = demand == null ? List.of() : List.copyOf(demand);
    sales = sales == null ? List.of() : List.copyOf(sales);
    bots = bots == null ? List.of() : List.copyOf(bots);
    couponRings = couponRings == null ? List.of() : List.copyOf(couponRings);
    description = description == null ? "" : description.strip();
  }

  /** The SKUs for sale, each with the same stock, their popularity falling as a Zipf law. */
  public record Products(String prefix, int count, int stock, double popularitySkew, String price) {
    public Products {
      require(prefix != null && prefix.matches("[A-Za-z0-9-]+"), "a products.prefix of letters");
      require(count >= 1 && stock >= 1, "products.count and products.stock of at least 1");
      require(popularitySkew >= 0, "products.popularitySkew of at least 0");
      price = price == null ? "25.00" : price;
    }

    public List<String> skus() {
      return IntStream.rangeClosed(1, count)
          .mapToObj(i -> String.format("%s-%03d", prefix, i))
          .toList();
    }
  }

  /**
   * Shoppers on the own store: each holds one to {@code maxUnits} units, then checks out, releases
   * the hold, or walks away (the hold expires), after a think time.
   */
  public record OwnStore(
      double shoppersPerHour, int maxUnits, double checkout, double release, Range thinkTime) {
    public OwnStore {
      require(shoppersPerHour >= 0 && maxUnits >= 1, "ownStore.shoppersPerHour and maxUnits");
      require(
          checkout >= 0 && release >= 0 && checkout + release <= 1,
          "ownStore.checkout + ownStore.release of at most 1");
      require(thinkTime != null, "ownStore.thinkTime");
    }
  }

  /**
   * A marketplace: its buyers, how late it applies the quantities it is sent, and how late it
   * reports its orders. Its lags must stay within the channel's maxSyncLag.
   */
  public record Marketplace(String channel, double buyersPerHour, Range applyLag, Range reportLag) {
    public Marketplace {
      require(
          channel != null && !channel.equals(OWN_STORE), "a marketplace channel other than web");
      require(
          buyersPerHour >= 0 && applyLag != null && reportLag != null,
          "buyersPerHour, applyLag and reportLag of marketplace " + channel);
    }

    public Duration maxLag() {
      return applyLag.max().compareTo(reportLag.max()) >= 0 ? applyLag.max() : reportLag.max();
    }
  }

  /** Demand on the channels (all when none are named) multiplied by {@code lift} in a window. */
  public record Lift(Duration from, Duration to, double lift, List<String> channels) {
    public Lift {
      require(from != null && to != null && to.compareTo(from) > 0, "a demand window from < to");
      require(lift > 0, "a positive lift");
      channels = channels == null ? List.of() : List.copyOf(channels);
    }

    boolean covers(String channel, Duration at) {
      return (channels.isEmpty() || channels.contains(channel))
          && at.compareTo(from) >= 0
          && at.compareTo(to) < 0;
    }
  }

  /** A flash sale announced on sales.calendar when the scenario starts. */
  public record Sale(
      String id,
      String channel,
      Duration from,
      Duration to,
      double expectedLift,
      double discountPercent,
      String budget) {
    public Sale {
      require(
          id != null && channel != null && from != null && to != null && to.compareTo(from) > 0,
          "a sale needs an id, a channel and from < to");
    }
  }

  /** A bot on one device that holds {@code holds} units of the most popular SKU, never buying. */
  public record BotAttack(Duration at, int holds, Duration over) {
    public BotAttack {
      require(at != null && over != null && holds >= 1, "a bot attack needs at, over and holds");
    }
  }

  /** Customers sharing one leaked coupon code, each buying one unit with it. */
  public record CouponRing(Duration at, String code, int customers, Duration over) {
    public CouponRing {
      require(
          at != null && over != null && code != null && customers >= 1,
          "a coupon ring needs at, code, customers and over");
    }
  }

  /** The policies the same demand is played against. */
  public record Baselines(Duration syncInterval, Map<String, Double> staticSplit) {
    public Baselines {
      require(
          syncInterval != null && staticSplit != null && !staticSplit.isEmpty(),
          "baselines.syncInterval and baselines.staticSplit");
      double total = staticSplit.values().stream().mapToDouble(Double::doubleValue).sum();
      require(Math.abs(total - 100) < 1e-6, "baselines.staticSplit percentages adding up to 100");
    }
  }

  /** A duration drawn uniformly between {@code min} and {@code max}. */
  public record Range(Duration min, Duration max) {
    public Range {
      require(min != null && max != null && max.compareTo(min) >= 0, "a range with min <= max");
    }
  }

  /** Every channel the scenario sells on: the own store first, then the marketplaces. */
  public List<String> channels() {
    List<String> channels = new ArrayList<>();
    channels.add(OWN_STORE);
    marketplaces.forEach(m -> channels.add(m.channel()));
    return channels;
  }

  /** The demand multiplier of a channel at a sale time: the product of the lifts covering it. */
  public double lift(String channel, Duration at) {
    double lift = 1;
    for (Lift window : demand) {
      if (window.covers(channel, at)) {
        lift *= window.lift();
      }
    }
    return lift;
  }

  public double maxLift(String channel) {
    double max = 1;
    for (Lift window : demand) {
      if (window.covers(channel, window.from())) {
        max = Math.max(max, lift(channel, window.from()));
      }
    }
    return max;
  }

  public int totalStock() {
    return products.count() * products.stock();
  }

  /** A scenario file, or one of the shipped scenarios by name (for example {@code prime-day}). */
  public static Scenario load(String fileOrName) {
    Path file = Path.of(fileOrName);
    if (Files.isRegularFile(file)) {
      return YamlFiles.read(file, Scenario.class);
    }
    String resource = "scenarios/" + fileOrName.replaceFirst("\\.yaml$", "") + ".yaml";
    try (InputStream shipped = Scenario.class.getClassLoader().getResourceAsStream(resource)) {
      if (shipped == null) {
        throw new IllegalArgumentException(
            "no scenario file "
                + fileOrName
                + ", and no shipped scenario of that name: "
                + SHIPPED);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return YamlFiles.readResource(resource, Scenario.class);
  }

  /** The scenarios shipped in the jar, under src/main/resources/scenarios. */
  public static final List<String> SHIPPED =
      List.of("prime-day", "own-store-flash-sale", "quiet-week");

  private static void require(boolean condition, String what) {
    if (!condition) {
      throw new IllegalArgumentException("a scenario needs " + what);
    }
  }
}
