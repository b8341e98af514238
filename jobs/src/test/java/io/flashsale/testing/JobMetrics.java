package io.flashsale.testing;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;

/** Reads one metric of a job on a test's mini cluster, as the metrics reporter holds it. */
public final class JobMetrics {

  private JobMetrics() {}

  /** A counter's count or a gauge's value: the metric whose name ends with {@code .name}. */
  public static long value(InMemoryReporter reporter, JobClient job, String name) {
    Metric metric =
        reporter
            .findMetric(job.getJobID(), ".*\\." + name)
            .orElseThrow(() -> new AssertionError("no metric " + name));
    return metric instanceof Counter counter
        ? counter.getCount()
        : ((Number) ((Gauge<?>) metric).getValue()).longValue();
  }

  /** A metric of one channel's pusher (docs/metrics.md, "Channel sync"). */
  public static long channel(
      InMemoryReporter reporter, JobClient job, String channel, String name) {
    return value(reporter, job, "channel\\." + channel + "\\." + name);
  }
}
