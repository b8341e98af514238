package io.flashsale.fraud;

import io.flashsale.events.CartEvent;
import io.flashsale.events.SaleEvent;
import io.flashsale.events.SaleEventType;
import io.flashsale.events.SubjectType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * About half a minute of cart traffic from actors whose intent is known: shoppers (some fast,
 * during a flash sale, one adding five lines in a few seconds), a household and a campus sharing
 * what households and campuses share, and bots, a device farm, coupon guessers, a leaked code,
 * coupon stackers, and payment and address rings. One actor is a bot slow enough to go unnoticed.
 * The same seed gives the same traffic.
 *
 * <p>The flash sale runs on {@code web} from {@link #SALE_START} to {@link #SALE_END} seconds; the
 * traffic is sized for {@link #rules()} and labelled by which actor owns each subject.
 */
final class LabelledTraffic {

  static final double SALE_START = 6;
  static final double SALE_END = 26;
  static final String PUBLIC_CODE = "FLASH20";

  /** Who sends the traffic, and whether they mean harm. */
  record Actor(String name, boolean fraud, Set<String> subjects) {}

  final List<CartEvent> events = new ArrayList<>();
  final List<Actor> actors = new ArrayList<>();
  final SaleEvent sale;
  final Instant start;

  private final Random random;
  private final List<String> skus = List.of("TEE-1", "TEE-2", "MUG-1", "MUG-2", "CAP-1", "CAP-2");
  private int sequence;

  private LabelledTraffic(long seed, Instant start) {
    this.random = new Random(seed);
    this.start = start;
    this.sale =
        new SaleEvent(
            "sale-scheduled",
            "flash-1",
            SaleEventType.SCHEDULED,
            Carts.WEB,
            List.of(),
            3.0,
            null,
            null,
            null,
            20.0,
            null,
            at(SALE_START),
            at(SALE_END),
            start.minusSeconds(1));
  }

  static LabelledTraffic generate(long seed, Instant start) {
    LabelledTraffic traffic = new LabelledTraffic(seed, start);
    traffic.legitimate();
    traffic.fraudulent();
    traffic.events.sort(
        Comparator.comparing(CartEvent::occurredAt).thenComparing(CartEvent::eventId));
    return traffic;
  }

  /** The rule parameters this traffic is sized for, as job options. */
  static Map<String, String> rules() {
    return Map.ofEntries(
        Map.entry("fraud.hold-burst.device.holds", "5"),
        Map.entry("fraud.hold-burst.device.window", "5s"),
        Map.entry("fraud.hold-burst.ip.holds", "10"),
        Map.entry("fraud.hold-burst.ip.window", "5s"),
        Map.entry("fraud.fast-checkout.within", "2s"),
        Map.entry("fraud.shared-coupon.customers", "4"),
        Map.entry("fraud.shared-coupon.window", "20s"),
        Map.entry("fraud.shared-coupon.public-codes", PUBLIC_CODE),
        Map.entry("fraud.coupon-enumeration.codes", "4"),
        Map.entry("fraud.coupon-enumeration.window", "20s"),
        Map.entry("fraud.payment-velocity.customers", "3"),
        Map.entry("fraud.payment-velocity.window", "20s"),
        Map.entry("fraud.address-reuse.accounts", "3"),
        Map.entry("fraud.address-reuse.window", "20s"),
        Map.entry("fraud.score-horizon", "1min"));
  }

  /** The actor that owns a subject, if any does (a public code belongs to nobody). */
  Optional<Actor> owner(SubjectType type, String subject) {
    String key = type + ":" + subject;
    return actors.stream().filter(a -> a.subjects().contains(key)).findFirst();
  }

  Instant end() {
    return events.get(events.size() - 1).occurredAt();
  }

  Instant at(double seconds) {
    return start.plusMillis(Math.round(seconds * 1000));
  }

  // ---- the legitimate ----

  private void legitimate() {
    for (int i = 0; i < 30; i++) {
      String name = "shopper-" + i;
      Actor shopper = actor(name, false);
      double t = uniform(0, 9);
      int lines = 1 + random.nextInt(3);
      // A third use their own welcome code; during the sale, others may use its public code.
      String code = random.nextInt(3) == 0 ? "WELCOME-" + i : null;
      if (code != null) {
        own(shopper, SubjectType.COUPON, code);
      } else if (t >= SALE_START && random.nextBoolean()) {
        code = PUBLIC_CODE;
      }
      for (int line = 0; line < lines; line++) {
        Carts hold = person(shopper, name, Carts.hold(id(name), at(t)));
        if (code != null) {
          hold.coupons(code);
        }
        String holdId = "line-" + sequence;
        add(hold.holdId(holdId));
        double later = t + uniform(4, 7);
        if (random.nextInt(4) == 0) {
          add(person(shopper, name, Carts.release(id(name), at(later))).holdId(holdId));
        } else {
          Carts checkout =
              person(shopper, name, Carts.checkout(id(name), at(later))).holdId(holdId);
          add(code == null ? checkout : checkout.coupons(code));
        }
        t += uniform(1.5, 3);
      }
    }
    for (int i = 0; i < 6; i++) {
      // Quick during the sale, one click from hold to paid: not flagged at the sale threshold.
      String name = "fast-" + i;
      Actor fast = actor(name, false);
      double t = uniform(SALE_START + 1, 20);
      String holdId = "line-" + name;
      add(person(fast, name, Carts.hold(id(name), at(t))).holdId(holdId));
      add(person(fast, name, Carts.checkout(id(name), at(t + uniform(0.8, 1.6)))).holdId(holdId));
    }
    Actor household = actor("household", false);
    own(household, SubjectType.ADDRESS, "addr-home");
    own(household, SubjectType.PAYMENT, "card-family");
    for (String member : List.of("parent", "teen")) {
      own(household, SubjectType.CUSTOMER, member);
      double t = uniform(1, 14);
      String holdId = "line-" + member;
      add(Carts.hold(id(member), at(t)).customer(member).holdId(holdId).sku(sku()));
      add(
          Carts.checkout(id(member), at(t + uniform(5, 8)))
              .customer(member)
              .holdId(holdId)
              .payment("card-family")
              .address("addr-home")
              .sku(sku()));
    }
    Actor campus = actor("campus", false);
    own(campus, SubjectType.IP, "ip-campus");
    for (int i = 0; i < 6; i++) {
      String student = "student-" + i;
      own(campus, SubjectType.CUSTOMER, student);
      for (int line = 0; line < 2; line++) {
        add(
            Carts.hold(id(student), at(uniform(0, 20)))
                .customer(student)
                .ip("ip-campus")
                .device("laptop-" + student)
                .sku(sku()));
        own(campus, SubjectType.DEVICE, "laptop-" + student);
      }
    }
    // Five lines in four seconds during the sale: a person, but it looks like a bot (a miss).
    Actor power = actor("power-shopper", false);
    double t = uniform(SALE_START + 2, 16);
    for (int line = 0; line < 5; line++) {
      add(person(power, "power-shopper", Carts.hold(id("power"), at(t + line * 0.9))));
    }
  }

  // ---- the fraudulent ----

  private void fraudulent() {
    for (int i = 0; i < 4; i++) {
      // Two bots before the sale, two during it; the last one ends the traffic.
      double t = i < 2 ? uniform(0, 3.5) : (i == 2 ? uniform(SALE_START + 2, 15) : 20);
      bot("bot-" + i, t);
    }
    Actor farm = actor("device-farm", true);
    own(farm, SubjectType.IP, "ip-farm");
    double farmStart = uniform(0.5, 2.5);
    for (int i = 0; i < 12; i++) {
      String device = "farm-phone-" + i;
      String account = "farm-account-" + i;
      own(farm, SubjectType.DEVICE, device);
      own(farm, SubjectType.CUSTOMER, account);
      add(
          Carts.hold(id("farm"), at(farmStart + i * 0.3))
              .customer(account)
              .device(device)
              .ip("ip-farm")
              .sku(sku()));
    }
    Actor slow = actor("slow-bot", true);
    own(slow, SubjectType.DEVICE, "slow-bot-device");
    for (int i = 0; i < 4; i++) {
      String account = "slow-account-" + i;
      own(slow, SubjectType.CUSTOMER, account);
      String holdId = "line-slow-" + i;
      double t = 1 + i * 5;
      add(Carts.hold(id("slow"), at(t)).customer(account).device("slow-bot-device").holdId(holdId));
      add(Carts.checkout(id("slow"), at(t + 2.5)).customer(account).holdId(holdId));
    }
    for (int i = 0; i < 3; i++) {
      String guesser = "guesser-" + i;
      Actor actor = actor(guesser, true);
      own(actor, SubjectType.CUSTOMER, guesser);
      double t = i == 0 ? uniform(0, 2) : uniform(SALE_START + 1, 15);
      for (int code = 0; code < 5; code++) {
        String guess = "GUESS-" + i + "-" + code;
        own(actor, SubjectType.COUPON, guess);
        add(
            Carts.hold(id(guesser), at(t + code * 1.2))
                .customer(guesser)
                .coupons(guess)
                .sku(sku()));
      }
    }
    Actor leak = actor("leaked-code-ring", true);
    own(leak, SubjectType.COUPON, "VIP-7Q2");
    double leakStart = uniform(2, 9);
    for (int i = 0; i < 5; i++) {
      String account = "vip-" + i;
      own(leak, SubjectType.CUSTOMER, account);
      String holdId = "line-vip-" + i;
      double t = leakStart + i * 1.5;
      add(Carts.hold(id("vip"), at(t)).customer(account).holdId(holdId).coupons("VIP-7Q2"));
      add(
          Carts.checkout(id("vip"), at(t + uniform(4, 6)))
              .customer(account)
              .holdId(holdId)
              .coupons("VIP-7Q2"));
    }
    for (int i = 0; i < 3; i++) {
      String stacker = "stacker-" + i;
      Actor actor = actor(stacker, true);
      own(actor, SubjectType.CUSTOMER, stacker);
      own(actor, SubjectType.COUPON, "STACK-" + i);
      String holdId = "line-" + stacker;
      double t = uniform(1, 14);
      add(Carts.hold(id(stacker), at(t)).customer(stacker).holdId(holdId).sku(sku()));
      add(
          Carts.checkout(id(stacker), at(t + uniform(4, 8)))
              .customer(stacker)
              .holdId(holdId)
              .coupons(PUBLIC_CODE, "STACK-" + i, "WELCOME-" + stacker)
              .sku(sku()));
    }
    for (int i = 0; i < 2; i++) {
      ring("payment-ring-" + i, SubjectType.PAYMENT, "card-ring-" + i);
      ring("address-ring-" + i, SubjectType.ADDRESS, "addr-ring-" + i);
    }
  }

  /** Six holds in under three seconds from one device, each checked out within half a second. */
  private void bot(String name, double t) {
    Actor bot = actor(name, true);
    own(bot, SubjectType.DEVICE, name + "-device");
    own(bot, SubjectType.IP, name + "-ip");
    for (int i = 0; i < 6; i++) {
      String account = name + "-account-" + (i % 3);
      own(bot, SubjectType.CUSTOMER, account);
      String holdId = "line-" + name + "-" + i;
      double at = t + i * 0.5;
      Function<Carts, Carts> shape =
          c -> c.customer(account).device(name + "-device").ip(name + "-ip").holdId(holdId);
      add(shape.apply(Carts.hold(id(name), at(at)).sku(sku())));
      add(shape.apply(Carts.checkout(id(name), at(at + 0.3)).sku(sku())));
    }
  }

  /** Four accounts checking out with one card, or to one address, within about ten seconds. */
  private void ring(String name, SubjectType shared, String value) {
    Actor ring = actor(name, true);
    own(ring, shared, value);
    double t = uniform(0, 8);
    for (int i = 0; i < 4; i++) {
      String account = name + "-account-" + i;
      own(ring, SubjectType.CUSTOMER, account);
      String holdId = "line-" + account;
      double at = t + i * uniform(1, 2.5);
      add(Carts.hold(id(name), at(at)).customer(account).holdId(holdId).sku(sku()));
      Carts checkout =
          Carts.checkout(id(name), at(at + uniform(4, 7))).customer(account).holdId(holdId);
      add(shared == SubjectType.PAYMENT ? checkout.payment(value) : checkout.address(value));
    }
  }

  // ---- helpers ----

  private Actor actor(String name, boolean fraud) {
    Actor actor = new Actor(name, fraud, new HashSet<>());
    actors.add(actor);
    return actor;
  }

  private static void own(Actor actor, SubjectType type, String subject) {
    actor.subjects().add(type + ":" + subject);
  }

  /** An ordinary person's event: their own customer id, device, IP, card and address. */
  private Carts person(Actor actor, String name, Carts event) {
    own(actor, SubjectType.CUSTOMER, name);
    own(actor, SubjectType.DEVICE, "phone-" + name);
    own(actor, SubjectType.IP, "ip-" + name);
    own(actor, SubjectType.PAYMENT, "card-" + name);
    own(actor, SubjectType.ADDRESS, "addr-" + name);
    return event
        .customer(name)
        .device("phone-" + name)
        .ip("ip-" + name)
        .payment("card-" + name)
        .address("addr-" + name)
        .sku(sku());
  }

  private void add(Carts event) {
    events.add(event.build());
  }

  private String id(String actor) {
    return actor + "-e" + (++sequence);
  }

  private String sku() {
    return skus.get(random.nextInt(skus.size()));
  }

  private double uniform(double from, double to) {
    return from + random.nextDouble() * (to - from);
  }
}
