package io.flashsale.fraud.scoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the scorer keeps per subject.
 *
 * @param pending signals that wait for the watermark to pass them before they are scored
 * @param active the latest signal of each rule that still counts (within the horizon)
 * @param alertedScore the score of the last alert while these signals count; 0 if none
 */
public record SubjectRisk(List<Signal> pending, List<Signal> active, int alertedScore) {

  public static final SubjectRisk EMPTY = new SubjectRisk(List.of(), List.of(), 0);

  public SubjectRisk withPending(Signal signal) {
    return new SubjectRisk(append(pending, signal), active, alertedScore);
  }

  /** The pending signals at or before {@code time}, in scoring order. */
  public List<Signal> due(Instant time) {
    return pending.stream().filter(s -> !s.windowEnd().isAfter(time)).sorted(Signal.ORDER).toList();
  }

  /** Without the pending signals at or before {@code time}. */
  public SubjectRisk pendingAfter(Instant time) {
    List<Signal> later = pending.stream().filter(s -> s.windowEnd().isAfter(time)).toList();
    return new SubjectRisk(later, active, alertedScore);
  }

  /** Counts {@code signal} in place of any earlier signal of its rule. */
  public SubjectRisk activate(Signal signal) {
    List<Signal> others = active.stream().filter(s -> !s.rule().equals(signal.rule())).toList();
    return new SubjectRisk(
        pending, append(others, signal).stream().sorted(Signal.ORDER).toList(), alertedScore);
  }

  /**
   * Drops the signals whose last event lies {@code horizon} or more before {@code now}. When none
   * is left the subject starts afresh: its next alert needs no higher score than the last.
   */
  public SubjectRisk expire(Instant now, Duration horizon) {
    List<Signal> counting =
        active.stream().filter(s -> s.windowEnd().plus(horizon).isAfter(now)).toList();
    return new SubjectRisk(pending, counting, counting.isEmpty() ? 0 : alertedScore);
  }

  /** When the latest active signal stops counting, and with it the subject: empty if none is. */
  public Optional<Instant> end(Duration horizon) {
    return active.stream().map(Signal::windowEnd).max(Instant::compareTo).map(t -> t.plus(horizon));
  }

  /** Whether a pending signal waits for {@code time}. */
  public boolean isPendingAt(Instant time) {
    return pending.stream().anyMatch(s -> s.windowEnd().equals(time));
  }

  public int score() {
    return RiskScore.combine(active.stream().map(Signal::weight).toList());
  }

  public SubjectRisk alerted(int score) {
    return new SubjectRisk(pending, active, score);
  }

  public boolean isEmpty() {
    return pending.isEmpty() && active.isEmpty();
  }

  private static List<Signal> append(List<Signal> signals, Signal signal) {
    return Stream.concat(signals.stream(), Stream.of(signal))
        .collect(ArrayList::new, ArrayList::add, ArrayList::addAll);
  }
}
