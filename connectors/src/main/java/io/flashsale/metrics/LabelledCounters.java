package io.flashsale.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Counters of one name told apart by labels, e.g. {@code deadLetters{topic,reason}}: each set of
 * label values is registered the first time it is counted, as key/value groups that Prometheus
 * turns into labels.
 */
public final class LabelledCounters {

  private final MetricGroup group;
  private final String name;
  private final List<String> keys;
  private final Map<List<String>, Counter> counters = new HashMap<>();

  public LabelledCounters(MetricGroup group, String name, String... keys) {
    this.group = group;
    this.name = name;
    this.keys = List.of(keys);
  }

  /** The counter of these label values, given in the order of the keys. */
  public Counter of(String... values) {
    if (values.length != keys.size()) {
      throw new IllegalArgumentException(name + " is labelled by " + keys);
    }
    return counters.computeIfAbsent(List.of(values), this::register);
  }

  private Counter register(List<String> values) {
    MetricGroup labelled = group;
    for (int i = 0; i < keys.size(); i++) {
      labelled = labelled.addGroup(keys.get(i), values.get(i));
    }
    return labelled.counter(name);
  }
}
