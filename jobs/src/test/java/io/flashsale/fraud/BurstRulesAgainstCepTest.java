package io.flashsale.fraud;

import static io.flashsale.fraud.Carts.checkout;
import static io.flashsale.fraud.Carts.hold;
import static org.assertj.core.api.Assertions.assertThat;

import io.flashsale.events.CartEvent;
import io.flashsale.events.SubjectType;
import io.flashsale.fraud.patterns.BurstRule;
import io.flashsale.fraud.patterns.CepBurst;
import io.flashsale.fraud.patterns.CouponEnumeration;
import io.flashsale.fraud.patterns.FraudRule;
import io.flashsale.fraud.patterns.HoldBurst;
import io.flashsale.fraud.patterns.PaymentVelocity;
import io.flashsale.fraud.patterns.SharedCoupon;
import io.flashsale.fraud.scoring.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The burst rules against {@link CepBurst}, the CEP pattern that states their meaning: the same
 * signals on the labelled traffic, and on random traffic the same matches at the same events for
 * the same subjects, with the same evidence as long as no value repeats more than twice.
 */
class BurstRulesAgainstCepTest {

  private static final Duration OUT_OF_ORDERNESS = Duration.ofMillis(500);

  /** What the rules, and the events they see, came out of: a run through one rule's operator. */
  private record Run(List<Signal> signals, List<String> late) {}

  private static Run run(FraudRule rule, List<CartEvent> events) throws Exception {
    try (RuleHarness harness = new RuleHarness(rule)) {
      Instant latest = Carts.T0.minus(Duration.ofDays(1));
      for (CartEvent event : events) {
        harness.send(event);
        if (event.occurredAt().isAfter(latest)) {
          latest = event.occurredAt();
          harness.watermark(latest.minus(OUT_OF_ORDERNESS));
        }
      }
      harness.watermark(latest.plus(Duration.ofDays(1)));
      return new Run(
          harness.signals(), harness.late().stream().map(e -> e.event().eventId()).toList());
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {20261128, 1, 2, 3, 4})
  void shouldSignalTheLabelledTrafficExactlyAsTheCepPatternDoes(long seed) throws Exception {
    LabelledTraffic traffic = LabelledTraffic.generate(seed, Carts.T0);
    List<BurstRule> rules =
        FraudOptions.rules(Configuration.fromMap(LabelledTraffic.rules())).stream()
            .filter(BurstRule.class::isInstance)
            .map(BurstRule.class::cast)
            .toList();

    int signals = 0;
    for (BurstRule rule : rules) {
      List<Signal> expected = run(new CepBurst(rule), traffic.events).signals();
      assertThat(run(rule, traffic.events).signals())
          .as(rule.name())
          .containsExactlyInAnyOrderElementsOf(expected);
      signals += expected.size();
    }
    assertThat(signals).as("bursts in the traffic").isGreaterThanOrEqualTo(10);
  }

  // ---- random traffic ----

  /** A burst rule with small counts and windows, and how an event of a key brings a value. */
  private record Shape(BurstRule rule, EventOf event) {
    @Override
    public String toString() {
      return rule.name();
    }
  }

  private interface EventOf {
    Carts of(String eventId, Instant at, String key, String value);
  }

  /** One event of a key: {@code gapMillis} after the one before (before it, if negative). */
  private record Step(int gapMillis, int key, int value) {}

  @Provide
  Arbitrary<Shape> shapes() {
    Duration window = Duration.ofSeconds(3);
    return Arbitraries.of(
        // The value is the eventId: a repeat is an event sent again.
        new Shape(
            new HoldBurst(SubjectType.DEVICE, 3, window, 90),
            (id, at, key, value) -> hold(value, at).device(key)),
        new Shape(
            new PaymentVelocity(3, window, 90),
            (id, at, key, value) -> checkout(id, at).payment(key).customer(value)),
        new Shape(
            new CouponEnumeration(3, window, 90),
            (id, at, key, value) -> hold(id, at).customer(key).coupons(value)),
        new Shape(
            new SharedCoupon(4, window, 90, Set.of()),
            (id, at, key, value) -> hold(id, at).coupons(key).customer(value)));
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    // In quarter seconds, so that events share a millisecond or lie exactly a window apart.
    Arbitrary<Integer> gap = Arbitraries.integers().between(-2, 6).map(quarters -> 250 * quarters);
    return Combinators.combine(
            gap, Arbitraries.integers().between(0, 1), Arbitraries.integers().between(0, 4))
        .as(Step::new)
        .list()
        .ofMaxSize(60);
  }

  private static List<CartEvent> events(Shape shape, List<Step> steps, boolean atMostTwice) {
    List<CartEvent> events = new ArrayList<>();
    Map<String, Integer> uses = new HashMap<>();
    Instant at = Carts.T0;
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      at = at.plusMillis(step.gapMillis());
      String key = "key-" + step.key();
      String value = "v" + step.value();
      if (atMostTwice && uses.merge(key + value, 1, Integer::sum) > 2) {
        value = "once-" + i;
      }
      events.add(shape.event().of("e" + i, at, key, value).build());
    }
    return events;
  }

  @Property(tries = 300)
  void shouldMatchAtTheSameEventsAsTheCepPattern(
      @ForAll("shapes") Shape shape, @ForAll("steps") List<Step> steps) throws Exception {
    List<CartEvent> events = events(shape, steps, false);

    Run expected = run(new CepBurst(shape.rule()), events);
    Run actual = run(shape.rule(), events);

    assertThat(matches(actual)).containsExactlyInAnyOrderElementsOf(matches(expected));
    assertThat(actual.late()).containsExactlyInAnyOrderElementsOf(expected.late());
  }

  @Property(tries = 300)
  void shouldShowTheSameEvidenceWhileNoValueRepeatsMoreThanTwice(
      @ForAll("shapes") Shape shape, @ForAll("steps") List<Step> steps) throws Exception {
    List<CartEvent> events = events(shape, steps, true);

    assertThat(run(shape.rule(), events).signals())
        .containsExactlyInAnyOrderElementsOf(run(new CepBurst(shape.rule()), events).signals());
  }

  /** Where a match ends: its subject and its last event. */
  private record Match(String subject, Instant at, String lastEventId) {}

  private static List<Match> matches(Run run) {
    return run.signals().stream()
        .map(
            s ->
                new Match(
                    s.subject(),
                    s.windowEnd(),
                    s.evidenceEventIds().get(s.evidenceEventIds().size() - 1)))
        .toList();
  }
}
