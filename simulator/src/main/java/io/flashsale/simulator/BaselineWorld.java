package io.flashsale.simulator;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Plays a trace against a {@link Baseline} in sale time, without the system: a central count of
 * unsold units (own-store sales counted at once, marketplace orders when reported), pushed to every
 * channel each sync interval. The own store applies it at once, the marketplaces after their apply
 * lag, newest update winning. A cart does not reserve: a shopper who found the item listed may find
 * it gone at checkout.
 */
public final class BaselineWorld {

  private final Scenario scenario;
  private final Baseline policy;
  private final SaleBook book;
  private final Map<String, Lags> lags = new HashMap<>();
  private final Map<String, Long> unsold = new HashMap<>();
  private final Map<String, Listing> listings = new HashMap<>();
  private final PriorityQueue<Due> agenda = new PriorityQueue<>();
  private long sequence;
  private long now;

  /** A channel's listing of one SKU: the quantity it shows and its newest update applied. */
  private static final class Listing {
    long shown;
    long newestApplied;
    long updates;
  }

  private record Due(long at, long order, Runnable action) implements Comparable<Due> {
    @Override
    public int compareTo(Due other) {
      return at != other.at ? Long.compare(at, other.at) : Long.compare(order, other.order);
    }
  }

  private BaselineWorld(Scenario scenario, Baseline policy) {
    this.scenario = scenario;
    this.policy = policy;
    this.book = new SaleBook(scenario);
    for (Scenario.Marketplace marketplace : scenario.marketplaces()) {
      lags.put(marketplace.channel(), new Lags(marketplace, scenario.seed()));
    }
    for (String sku : scenario.products().skus()) {
      unsold.put(sku, (long) scenario.products().stock());
    }
  }

  /** How {@code policy} sells the scenario's stock to {@code visits}. */
  public static Outcome play(Scenario scenario, Baseline policy, List<Visit> visits) {
    BaselineWorld world = new BaselineWorld(scenario, policy);
    long interval = scenario.baselines().syncInterval().toMillis();
    for (long t = 0; t < scenario.duration().toMillis(); t += interval) {
      world.schedule(t, world::sync);
    }
    for (Visit visit : visits) {
      world.schedule(visit.at().toMillis(), () -> world.visit(visit));
    }
    while (!world.agenda.isEmpty()) {
      world.agenda.poll().action().run();
    }
    return world.book.outcome(policy.label());
  }

  private void sync() {
    long now = now();
    for (String sku : scenario.products().skus()) {
      long count = Math.max(0, unsold.get(sku));
      for (String channel : scenario.channels()) {
        long quantity = policy.listing(channel, count, scenario.baselines());
        Listing listing = listing(channel, sku);
        long update = ++listing.updates;
        Lags channelLags = lags.get(channel);
        long applyAt = channelLags == null ? now : now + channelLags.apply().toMillis();
        schedule(
            applyAt,
            () -> {
              if (update > listing.newestApplied) {
                listing.newestApplied = update;
                listing.shown = quantity;
              }
            });
      }
    }
  }

  private void visit(Visit visit) {
    if (visit instanceof Visit.Shopper shopper) {
      shop(shopper);
    } else {
      buy((Visit.Buyer) visit);
    }
  }

  private void shop(Visit.Shopper shopper) {
    Listing listing = listing(Scenario.OWN_STORE, shopper.sku());
    if (listing.shown < shopper.units()) {
      if (shopper.genuine()) {
        book.unmet(shopper.sku(), shopper.units());
      }
      return;
    }
    if (shopper.intent() != Visit.Intent.CHECKOUT) {
      return;
    }
    schedule(
        now() + shopper.thinkTime().toMillis(),
        () -> {
          book.checkout();
          if (listing.shown < shopper.units()) {
            book.rejectedAfterHold();
            if (shopper.genuine()) {
              book.unmet(shopper.sku(), shopper.units());
            }
            return;
          }
          listing.shown -= shopper.units();
          unsold.merge(shopper.sku(), -(long) shopper.units(), Long::sum);
          book.sold(Scenario.OWN_STORE, shopper.sku(), shopper.units());
        });
  }

  private void buy(Visit.Buyer buyer) {
    Listing listing = listing(buyer.channel(), buyer.sku());
    if (listing.shown < buyer.units()) {
      book.unmet(buyer.sku(), buyer.units());
      return;
    }
    listing.shown -= buyer.units();
    book.sold(buyer.channel(), buyer.sku(), buyer.units());
    Duration reportLag = lags.get(buyer.channel()).report();
    schedule(
        now() + reportLag.toMillis(),
        () -> unsold.merge(buyer.sku(), -(long) buyer.units(), Long::sum));
  }

  private Listing listing(String channel, String sku) {
    return listings.computeIfAbsent(channel + "/" + sku, key -> new Listing());
  }

  private long now() {
    return now;
  }

  private void schedule(long at, Runnable action) {
    agenda.add(
        new Due(
            at,
            sequence++,
            () -> {
              now = at;
              action.run();
            }));
  }
}
