package io.flashsale.cluster;

import io.flashsale.events.ChannelQuota;
import io.flashsale.events.Decision;
import io.flashsale.events.Position;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * What read_committed consumers read after a sale, reconciled with what the sale sent. Lost: an
 * input event read fewer times than it was sent, a cart event never answered, a version of a
 * position or quota never read. Doubled: an input event read more times than it was sent, a
 * decision (by its unique event id) or a version of a position or quota read twice.
 */
record Reconciliation(Count inputs, Count answers, Count positions, Count quotas) {

  /** Records read, records lost and records doubled. */
  record Count(long read, long lost, long doubled) {

    @Override
    public String toString() {
      return String.format("%d read, %d lost, %d doubled", read, lost, doubled);
    }
  }

  /**
   * @param sent how many times each input event was sent, by event id
   * @param inputsRead the event id of every record read back from the input topics
   * @param cartEventIds the distinct cart events, each of which must be answered
   */
  static Reconciliation of(
      Map<String, Long> sent,
      List<String> inputsRead,
      Set<String> cartEventIds,
      List<Decision> decisions,
      List<Position> positions,
      List<ChannelQuota> quotas) {
    return new Reconciliation(
        inputs(sent, inputsRead),
        answers(cartEventIds, decisions),
        versions(positions, Position::key, Position::version),
        versions(quotas, ChannelQuota::key, ChannelQuota::quotaVersion));
  }

  long lost() {
    return inputs.lost + answers.lost + positions.lost + quotas.lost;
  }

  long doubled() {
    return inputs.doubled + answers.doubled + positions.doubled + quotas.doubled;
  }

  private static Count inputs(Map<String, Long> sent, List<String> inputsRead) {
    Map<String, Long> read =
        inputsRead.stream()
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    long lost = 0;
    for (Map.Entry<String, Long> event : sent.entrySet()) {
      lost += Math.max(0, event.getValue() - read.getOrDefault(event.getKey(), 0L));
    }
    long doubled = 0;
    for (Map.Entry<String, Long> event : read.entrySet()) {
      doubled += Math.max(0, event.getValue() - sent.getOrDefault(event.getKey(), 0L));
    }
    return new Count(inputsRead.size(), lost, doubled);
  }

  private static Count answers(Set<String> cartEventIds, List<Decision> decisions) {
    Set<String> answered =
        decisions.stream()
            .filter(d -> d.duplicate() == null)
            .map(Decision::requestEventId)
            .collect(Collectors.toSet());
    long unanswered = cartEventIds.stream().filter(id -> !answered.contains(id)).count();
    long distinct = decisions.stream().map(Decision::eventId).distinct().count();
    return new Count(decisions.size(), unanswered, decisions.size() - distinct);
  }

  /** Versions count 1, 2, 3, ... per key: a gap is a lost version, a repeat a doubled one. */
  private static <T> Count versions(
      Collection<T> records, Function<T, String> key, ToLongFunction<T> version) {
    Map<String, Set<Long>> versions = new HashMap<>();
    long doubled = 0;
    for (T record : records) {
      if (!versions
          .computeIfAbsent(key.apply(record), k -> new HashSet<>())
          .add(version.applyAsLong(record))) {
        doubled++;
      }
    }
    long lost = 0;
    for (Set<Long> read : versions.values()) {
      lost += read.stream().mapToLong(Long::longValue).max().orElse(0) - read.size();
    }
    return new Count(records.size(), lost, doubled);
  }

  @Override
  public String toString() {
    return String.format(
        "records lost: %d, duplicates visible to read_committed consumers: %d (input events: %s;"
            + " decisions: %s, the lost being cart events unanswered; position versions: %s;"
            + " quota versions: %s)",
        lost(), doubled(), inputs, answers, positions, quotas);
  }
}
