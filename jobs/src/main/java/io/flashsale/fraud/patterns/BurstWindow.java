package io.flashsale.fraud.patterns;

import io.flashsale.events.CartEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * One key's way towards its next burst: its events since its last match that are still in the
 * window, in event-time order. An event counts when it is the first in the window to bring one of
 * its {@link Distinct} values; {@code count} counting events make a match, with them as its
 * evidence, and the next match starts after its last event. First to last must be shorter than the
 * window, so a value stops counting once its latest event is a window old.
 *
 * <p>Of each value only the first event in the window and the latest are kept: when the first
 * leaves the window, the latest takes its place. Forgetting the repeats in between never changes
 * when a burst of one-value events matches, only which repeat it may show as evidence, and it
 * bounds the state however much a key is sent: at most two events per value, for fewer than {@code
 * count} values (times the codes of one event, for coupon codes).
 *
 * @param events in event-time order, those of one millisecond by eventId
 */
public record BurstWindow(List<CartEvent> events) {

  public static final BurstWindow EMPTY = new BurstWindow(List.of());

  /** With {@code event}, the key's latest, once what is a window older has left. */
  public BurstWindow add(CartEvent event, BurstRule rule) {
    List<CartEvent> next = new ArrayList<>(expire(event.occurredAt(), rule.window()).events);
    next.add(event);
    return new BurstWindow(firstAndLatest(next, rule.distinct()));
  }

  /** Without the events that are a window old at {@code now}. */
  public BurstWindow expire(Instant now, Duration window) {
    Instant oldest = now.minus(window);
    return new BurstWindow(events.stream().filter(e -> e.occurredAt().isAfter(oldest)).toList());
  }

  /** The events that count, in event-time order. */
  public List<CartEvent> counted(Distinct distinct) {
    Set<String> seen = new HashSet<>();
    List<CartEvent> counted = new ArrayList<>();
    for (CartEvent event : events) {
      List<String> values = distinct.of(event);
      if (!seen.containsAll(values)) {
        counted.add(event);
      }
      seen.addAll(values);
    }
    return counted;
  }

  /** When the latest event leaves the window, and with it everything: empty if nothing is kept. */
  public Optional<Instant> end(Duration window) {
    return events.isEmpty()
        ? Optional.empty()
        : Optional.of(events.get(events.size() - 1).occurredAt().plus(window));
  }

  public boolean isEmpty() {
    return events.isEmpty();
  }

  private static List<CartEvent> firstAndLatest(List<CartEvent> events, Distinct distinct) {
    Map<String, Integer> first = new HashMap<>();
    Map<String, Integer> latest = new HashMap<>();
    for (int i = 0; i < events.size(); i++) {
      for (String value : distinct.of(events.get(i))) {
        first.putIfAbsent(value, i);
        latest.put(value, i);
      }
    }
    Set<Integer> kept = new HashSet<>(first.values());
    kept.addAll(latest.values());
    return IntStream.range(0, events.size()).filter(kept::contains).mapToObj(events::get).toList();
  }
}
