package io.flashsale.kafka;

import io.flashsale.events.DeadLetter;
import io.flashsale.logging.LogEvent;
import io.flashsale.metrics.LabelledCounters;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells of the input records a Kafka source's deserializer sends to {@code deadletter}: counts each
 * by source topic and kind of reason (docs/metrics.md), and logs the first of each kind per minute
 * with how many came since, so a flood of bad records costs one line a minute. Quotas a marketplace
 * refuses are dead letters too; the channel sync job counts and logs those per channel.
 */
public final class DeadLetterReporter {

  /** Why a record became a dead letter, as the metric's {@code reason} label says it. */
  public enum Kind {
    EMPTY,
    OVERSIZED,
    INVALID,
    UNREADABLE,
    UNKNOWN_TOPIC;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterReporter.class);
  private static final long LOG_INTERVAL_MS = 60_000;

  private final LabelledCounters counters;
  private final Clock clock;
  private final Map<String, Long> loggedAt = new HashMap<>();
  private final Map<String, Long> unlogged = new HashMap<>();

  public DeadLetterReporter(MetricGroup deserializerGroup, Clock clock) {
    this.counters =
        new LabelledCounters(
            deserializerGroup.addGroup("flashsale"), "deadLetters", "topic", "reason");
    this.clock = clock;
  }

  /** Counts nothing: for code run outside a job. */
  public static DeadLetterReporter unregistered() {
    return new DeadLetterReporter(new UnregisteredMetricsGroup(), Clock.systemUTC());
  }

  public void report(DeadLetter letter, Kind kind) {
    counters.of(letter.sourceTopic(), kind.label()).inc();
    String key = letter.sourceTopic() + "/" + kind;
    long now = clock.millis();
    Long last = loggedAt.get(key);
    if (last != null && now - last < LOG_INTERVAL_MS) {
      unlogged.merge(key, 1L, Long::sum);
      return;
    }
    loggedAt.put(key, now);
    LOG.warn(
        LogEvent.of("dead_letter")
            .with("topic", letter.sourceTopic())
            .with("partition", letter.partition())
            .with("offset", letter.offset())
            .with("kind", kind.label())
            .with("reason", letter.reason())
            .with("moreSinceLastLine", unlogged.getOrDefault(key, 0L))
            .toString());
    unlogged.remove(key);
  }
}
