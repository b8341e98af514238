package io.flashsale.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemandTraceTest {

  private final Scenario flash = Scenario.load("own-store-flash-sale");

  @Test
  void theSameSeedGivesTheSameVisitsInOrderOfTime() {
    List<Visit> visits = DemandTrace.of(flash);

    assertThat(DemandTrace.of(flash)).isEqualTo(visits);
    assertThat(visits).isSortedAccordingTo(Comparator.comparing(Visit::at));
    assertThat(visits).allMatch(v -> v.at().compareTo(flash.duration()) < 0);
  }

  @Test
  void demandFollowsTheLiftOnItsChannelOnly() {
    List<Visit> visits = DemandTrace.of(flash);
    // Half an hour before, during and after the sale, which lifts web demand eight-fold.
    long webBefore = count(visits, shoppersBetween(0, 30));
    long webDuring = count(visits, shoppersBetween(30, 60));
    long amazonBefore = count(visits, buyersBetween("amazon", 0, 30));
    long amazonDuring = count(visits, buyersBetween("amazon", 30, 60));

    assertThat((double) webDuring / webBefore).isBetween(5.0, 11.0);
    assertThat((double) amazonDuring / amazonBefore).isBetween(0.5, 2.0);
    // 120 shoppers an hour: about 60 in the half hour before the sale.
    assertThat(webBefore).isBetween(40L, 80L);
  }

  @Test
  void popularSkusAreWantedMoreFollowingTheZipfLaw() {
    Map<String, Long> bySku =
        DemandTrace.of(flash).stream()
            .collect(Collectors.groupingBy(Visit::sku, Collectors.counting()));

    // Skew 1: the first SKU twice as wanted as the second, three times the third.
    double first = bySku.get("FLASH-001");
    assertThat(first / bySku.get("FLASH-002")).isBetween(1.6, 2.5);
    assertThat(first / bySku.get("FLASH-003")).isBetween(2.4, 3.7);
  }

  @Test
  void aBotHoldsFromOneDeviceAndACouponRingSharesOneCode() {
    List<Visit.Shopper> fraud =
        DemandTrace.of(flash).stream()
            .filter(v -> v instanceof Visit.Shopper s && !s.genuine())
            .map(v -> (Visit.Shopper) v)
            .toList();

    List<Visit.Shopper> bot = fraud.stream().filter(s -> s.couponCodes().isEmpty()).toList();
    assertThat(bot).hasSize(12);
    assertThat(bot).extracting(Visit.Shopper::deviceId).containsOnly(bot.get(0).deviceId());
    assertThat(bot).extracting(Visit.Shopper::intent).containsOnly(Visit.Intent.WALK_AWAY);
    assertThat(bot).extracting(Visit.Shopper::sku).containsOnly("FLASH-001");

    List<Visit.Shopper> ring = fraud.stream().filter(s -> !s.couponCodes().isEmpty()).toList();
    assertThat(ring).hasSize(12);
    assertThat(ring).extracting(s -> s.couponCodes().get(0)).containsOnly("LEAKED-40");
    assertThat(ring).extracting(Visit.Shopper::customerId).doesNotHaveDuplicates();
  }

  private static long count(List<Visit> visits, Predicate<Visit> which) {
    return visits.stream().filter(which).count();
  }

  private static Predicate<Visit> shoppersBetween(int fromMinute, int toMinute) {
    return v -> v instanceof Visit.Shopper s && s.genuine() && within(v.at(), fromMinute, toMinute);
  }

  private static Predicate<Visit> buyersBetween(String channel, int fromMinute, int toMinute) {
    return v ->
        v instanceof Visit.Buyer b
            && b.channel().equals(channel)
            && within(v.at(), fromMinute, toMinute);
  }

  private static boolean within(Duration at, int fromMinute, int toMinute) {
    return at.compareTo(Duration.ofMinutes(fromMinute)) >= 0
        && at.compareTo(Duration.ofMinutes(toMinute)) < 0;
  }
}
