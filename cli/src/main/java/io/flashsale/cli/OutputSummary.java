package io.flashsale.cli;

import io.flashsale.events.Decision;
import io.flashsale.kafka.Topics;
import io.flashsale.simulator.CommittedOutputs;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A running count of what the jobs commit: decisions by status, incidents, fraud alerts, dead
 * letters.
 */
final class OutputSummary {

  private static final long EVERY_MS = 2_000;

  private final Properties properties;
  private final Topics topics;
  private final Map<String, Long> decisions = new TreeMap<>();

  OutputSummary(Properties kafka, Topics topics) {
    this.properties = kafka;
    this.topics = topics;
  }

  /** Prints a line whenever the counts change, until the thread is interrupted. */
  void printUntilInterrupted() throws InterruptedException {
    try (CommittedOutputs outputs = new CommittedOutputs(properties, topics, this::count)) {
      String last = "";
      while (!Thread.currentThread().isInterrupted()) {
        Thread.sleep(EVERY_MS);
        String line = line(outputs);
        if (!line.equals(last)) {
          System.out.println(line);
          last = line;
        }
      }
    }
  }

  private synchronized void count(Decision decision) {
    decisions.merge(String.valueOf(decision.status()), 1L, Long::sum);
  }

  private synchronized String line(CommittedOutputs outputs) {
    long total = decisions.values().stream().mapToLong(Long::longValue).sum();
    long alerts = outputs.alerts().values().stream().mapToLong(Long::longValue).sum();
    return String.format(
        "decisions %d %s | oversell incidents %d | fraud alerts %d | dead letters %d",
        total, decisions, outputs.incidents(), alerts, outputs.deadLetters());
  }
}
