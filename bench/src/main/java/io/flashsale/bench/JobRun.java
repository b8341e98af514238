package io.flashsale.bench;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** One job on a local mini cluster of its own, with the checkpoint metrics Flink reports for it. */
final class JobRun implements AutoCloseable {

  private final JobClient job;
  private final InMemoryReporter reporter;
  private final long submittedAt;
  private boolean cancelled;

  private JobRun(JobClient job, InMemoryReporter reporter, long submittedAt) {
    this.job = job;
    this.reporter = reporter;
    this.submittedAt = submittedAt;
  }

  static JobRun start(Subject subject, Configuration config) throws Exception {
    InMemoryReporter reporter = InMemoryReporter.create();
    Configuration withReporter = reporter.addToConfiguration(new Configuration(config));
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(withReporter);
    subject.build(env, withReporter);
    long submittedAt = System.nanoTime();
    return new JobRun(env.executeAsync(subject.jobName), reporter, submittedAt);
  }

  /** When the job was submitted, by {@link System#nanoTime()}. */
  long submittedAt() {
    return submittedAt;
  }

  /** Fails when the job has stopped by itself, with why. */
  void checkRunning() {
    try {
      JobStatus status = job.getJobStatus().get();
      if (status.isGloballyTerminalState()) {
        job.getJobExecutionResult().get();
        throw new IllegalStateException("the job ended: " + status);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the job failed", e.getCause());
    }
  }

  /** Waits for {@code more} checkpoints to complete after now. */
  void awaitCheckpoints(int more, Duration timeout) throws InterruptedException {
    long target = metric("numberOfCompletedCheckpoints") + more;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (metric("numberOfCompletedCheckpoints") < target) {
      checkRunning();
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no " + more + " checkpoints within " + timeout);
      }
      Thread.sleep(20);
    }
  }

  private CheckpointFigures lastCheckpoint() {
    return new CheckpointFigures(
        metric("lastCheckpointFullSize"), metric("lastCheckpointDuration"), lastCheckpointPath());
  }

  /**
   * Cancels the job, returning its latest completed checkpoint, which the configuration retains on
   * cancellation (with the ones before it) to restore from.
   */
  CheckpointFigures cancel() throws Exception {
    CheckpointFigures last = lastCheckpoint();
    cancelAndAwait();
    return last;
  }

  /** Cancels the job and waits until it has stopped, its checkpoints settled on disk. */
  private void cancelAndAwait() throws Exception {
    cancelled = true;
    job.cancel().get();
    // Completes, with the cancellation as its failure, once the job and its cluster have stopped.
    job.getJobExecutionResult().handle((result, failure) -> result).get();
  }

  private String lastCheckpointPath() {
    Object path = ((Gauge<?>) find("lastCheckpointExternalPath")).getValue();
    return path == null ? null : path.toString();
  }

  private long metric(String name) {
    return ((Number) ((Gauge<?>) find(name)).getValue()).longValue();
  }

  private Metric find(String name) {
    return reporter
        .findMetric(job.getJobID(), ".*\\." + name)
        .orElseThrow(() -> new IllegalStateException("no metric " + name));
  }

  @Override
  public void close() throws Exception {
    try {
      if (!cancelled && !job.getJobStatus().get().isGloballyTerminalState()) {
        cancelAndAwait();
      }
    } finally {
      reporter.close();
    }
  }

  /** A completed checkpoint: its full size, how long it took, and where it is. */
  record CheckpointFigures(long fullSizeBytes, long durationMs, String path) {}
}
