package io.flashsale.fraud.patterns;

import org.apache.flink.cep.EventComparator;

/**
 * Orders events of the same millisecond by eventId. Events of one key come from several Kafka
 * partitions, so without it their order, and so the matches, could differ on a replay.
 */
public final class EventIdOrder implements EventComparator<RuleEvent> {

  @Override
  public int compare(RuleEvent a, RuleEvent b) {
    return a.event().eventId().compareTo(b.event().eventId());
  }
}
