package io.flashsale.bench;

import io.flashsale.bench.JobRun.CheckpointFigures;
import io.flashsale.config.KafkaOptions;
import io.flashsale.embedded.EmbeddedKafka;
import io.flashsale.kafka.TopicSetup;
import io.flashsale.kafka.TopicSpec;
import io.flashsale.kafka.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.util.TimeUtils;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The inventory job on a real Kafka broker, exactly once with the production configuration, side by
 * side with an identity job as the ceiling: throughput on a pre-loaded topic, hold-to-decision
 * latency at fractions of that throughput, latency against the checkpoint interval, and state size,
 * checkpoint duration and recovery time against the number of SKUs.
 */
@Command(
    name = "sale",
    mixinStandardHelpOptions = true,
    description = "Throughput, latency, checkpoint intervals and state size of the inventory job.")
public final class SaleBenchmark implements Callable<Integer> {

  private static final String HEAP = "hashmap";
  private static final String ROCKSDB = "rocksdb";
  private static final int PARTITIONS = 4;
  private static final Duration WAIT = Duration.ofMinutes(5);

  @Option(
      names = "--sections",
      split = ",",
      defaultValue = "throughput,latency,intervals,skus",
      description = "What to measure: ${DEFAULT-VALUE}.")
  List<String> sections;

  @Option(
      names = "--holds",
      defaultValue = "200000",
      description = "Hold requests pre-loaded for each throughput run.")
  int holds;

  @Option(names = "--wide-skus", defaultValue = "100000", description = "SKUs of the wide traffic.")
  int wideSkus;

  @Option(names = "--hot-skus", defaultValue = "1000", description = "SKUs of the hot traffic.")
  int hotSkus;

  @Option(
      names = "--loads",
      split = ",",
      defaultValue = "25,50,75",
      description = "Latency is measured at these percentages of the job's throughput.")
  List<Integer> loads;

  @Option(
      names = "--intervals",
      split = ",",
      defaultValue = "100ms,500ms,1s",
      description = "Checkpoint intervals to measure latency at, besides the configured one.")
  List<String> intervals;

  @Option(
      names = "--sku-counts",
      split = ",",
      defaultValue = "1000,10000,100000,1000000",
      description = "SKU counts to measure state size, checkpoints and recovery at.")
  List<Integer> skuCounts;

  @Option(
      names = "--phase-seconds",
      defaultValue = "15",
      description = "Measured seconds per rate.")
  int phaseSeconds;

  @Option(names = "--warmup-seconds", defaultValue = "3")
  int warmupSeconds;

  @Option(names = "--parallelism", defaultValue = "2")
  int parallelism;

  @Option(
      names = "--flink-conf",
      defaultValue = "flink-conf",
      description = "The production config.")
  Path flinkConf;

  @Option(names = "--csv", defaultValue = "bench/results/sale.csv")
  Path csv;

  @Option(
      names = "-D",
      description = "Any Flink or job option, e.g. -D state.backend.type=rocksdb.")
  Map<String, String> options = new HashMap<>();

  private final ResultTable table = new ResultTable();
  private final Map<Subject, Double> heapWideThroughput = new EnumMap<>(Subject.class);
  private Configuration production;
  private EmbeddedKafka kafka;
  private Properties client;
  private Path checkpoints;
  private int runs;

  public static void main(String[] args) {
    System.exit(new CommandLine(new SaleBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    production = productionConfig(flinkConf);
    checkpoints = Files.createTempDirectory("flashsale-bench");
    try (EmbeddedKafka started = EmbeddedKafka.start()) {
      kafka = started;
      client = new Properties();
      client.setProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      if (sections.contains("throughput")) {
        measureThroughput();
      }
      if (sections.contains("latency")) {
        measureLatencyAtLoads();
      }
      if (sections.contains("intervals")) {
        measureLatencyAgainstIntervals();
      }
      if (sections.contains("skus")) {
        measureStateAgainstSkus();
      }
    } finally {
      delete(checkpoints);
    }
    System.out.printf(
        "%nparallelism %d, %d Kafka partitions, %d cores, options %s%n",
        parallelism, PARTITIONS, Runtime.getRuntime().availableProcessors(), options);
    table.print(System.out);
    table.writeCsv(csv);
    System.out.println("written to " + csv);
    return 0;
  }

  private void measureThroughput() throws Exception {
    for (String state : List.of(HEAP, ROCKSDB)) {
      for (Traffic traffic : List.of(Traffic.wide(wideSkus), Traffic.hot(hotSkus))) {
        if (state.equals(HEAP) && traffic.name().equals("wide")) {
          maxThroughput(Subject.IDENTITY);
          maxThroughput(Subject.INVENTORY);
        } else {
          throughputRow(Subject.INVENTORY, traffic, state);
        }
      }
    }
  }

  /** The job's throughput on the wide traffic with heap state, measured once. */
  private double maxThroughput(Subject subject) throws Exception {
    Double measured = heapWideThroughput.get(subject);
    if (measured == null) {
      measured = throughputRow(subject, Traffic.wide(wideSkus), HEAP);
      heapWideThroughput.put(subject, measured);
    }
    return measured;
  }

  private double throughputRow(Subject subject, Traffic traffic, String state) throws Exception {
    Drain drain = drain(subject, traffic, state, holds);
    ResultTable.Row row =
        table
            .add("throughput")
            .set("job", subject.label)
            .set("traffic", traffic.name())
            .set("state", stateBackend(state))
            .set("interval_ms", defaultInterval().toMillis())
            .set("skus", traffic.skus())
            .set("holds", holds)
            .set("throughput_per_s", drain.throughputPerSecond());
    Double identity = heapWideThroughput.get(Subject.IDENTITY);
    if (subject == Subject.INVENTORY && identity != null) {
      row.set("vs_identity", drain.throughputPerSecond() / identity);
    }
    report(row);
    return drain.throughputPerSecond();
  }

  private void measureLatencyAtLoads() throws Exception {
    for (Subject subject : List.of(Subject.INVENTORY, Subject.IDENTITY)) {
      double max = maxThroughput(subject);
      List<Integer> rates = loads.stream().map(load -> (int) (max * load / 100)).toList();
      List<Latency> measured =
          latency(subject, Traffic.wide(wideSkus), HEAP, defaultInterval(), rates);
      for (int i = 0; i < loads.size(); i++) {
        report(
            latencyRow("latency", subject, defaultInterval(), measured.get(i))
                .set("load", loads.get(i) + "%"));
      }
    }
  }

  private void measureLatencyAgainstIntervals() throws Exception {
    int rate = (int) (maxThroughput(Subject.INVENTORY) / 2);
    for (String text : intervals) {
      Duration interval = TimeUtils.parseDuration(text);
      Latency measured =
          latency(Subject.INVENTORY, Traffic.wide(wideSkus), HEAP, interval, List.of(rate)).get(0);
      report(latencyRow("interval", Subject.INVENTORY, interval, measured).set("load", "50%"));
    }
  }

  private ResultTable.Row latencyRow(
      String section, Subject subject, Duration interval, Latency latency) {
    return table
        .add(section)
        .set("job", subject.label)
        .set("traffic", "wide")
        .set("state", stateBackend(HEAP))
        .set("interval_ms", interval.toMillis())
        .set("skus", wideSkus)
        .set("rate_per_s", latency.rate())
        .set("p50_ms", latency.p50Ms())
        .set("p99_ms", latency.p99Ms())
        .set("p99_9_ms", latency.p999Ms())
        .set("missing", latency.missing());
  }

  private void measureStateAgainstSkus() throws Exception {
    int probes = 10_000;
    for (String state : List.of(HEAP, ROCKSDB)) {
      for (int skus : skuCounts) {
        Drain drain = drain(Subject.INVENTORY, Traffic.uniform(skus), state, probes);
        CheckpointFigures stock = drain.stockCheckpoint();
        report(
            table
                .add("skus")
                .set("job", Subject.INVENTORY.label)
                .set("traffic", "uniform")
                .set("state", stateBackend(state))
                .set("interval_ms", defaultInterval().toMillis())
                .set("skus", skus)
                .set("state_mb", stock.fullSizeBytes() / 1e6)
                .set("bytes_per_sku", (double) stock.fullSizeBytes() / skus)
                .set("checkpoint_ms", stock.durationMs())
                .set("recovery_ms", drain.recoveryMs()));
      }
    }
  }

  /** What a throughput run measured. */
  record Drain(double throughputPerSecond, double recoveryMs, CheckpointFigures stockCheckpoint) {}

  /**
   * Receives the traffic's stock and checkpoints it, pre-loads {@code count} hold requests, then
   * restores the job from that checkpoint and times it through them: throughput from its first
   * answer to its last, recovery from its submission to its first answer.
   */
  private Drain drain(Subject subject, Traffic traffic, String state, int count) throws Exception {
    Topics topics = freshTopics();
    CheckpointFigures stock = null;
    if (subject.needsStock) {
      try (JobRun job = JobRun.start(subject, config(topics, state, defaultInterval(), null))) {
        receiveStock(job, topics, traffic.skus());
        job.awaitCheckpoints(2, WAIT);
        stock = job.cancel();
      }
    }
    try (Storefront storefront = Storefront.bulk(client, topics)) {
      for (int n = 0; n < count; n++) {
        storefront.hold("load-" + n, traffic.next());
      }
    }
    String restoreFrom = stock == null ? null : stock.path();
    try (OutputWatch answers = OutputWatch.written(client, subject.outputTopic(topics));
        JobRun job = JobRun.start(subject, config(topics, state, defaultInterval(), restoreFrom))) {
      long lastAt;
      try {
        lastAt = answers.awaitCount(count, WAIT, job);
      } catch (IllegalStateException e) {
        for (String t : List.of(topics.storefrontCarts(), subject.outputTopic(topics))) {
          try (OutputWatch w = OutputWatch.written(client, t)) {
            Thread.sleep(3000);
          }
        }
        throw e;
      }
      return new Drain(
          (count - 1) * 1e9 / (lastAt - answers.firstAt()),
          (answers.firstAt() - job.submittedAt()) / 1e6,
          stock);
    } finally {
      delete(checkpoints.resolve(topics.prefix()));
    }
  }

  /** What a latency phase measured, in milliseconds. */
  record Latency(int rate, double p50Ms, double p99Ms, double p999Ms, int missing) {}

  /**
   * Starts the job, then sends hold requests at each of {@code rates} in turn, timing each from its
   * send to its answer being readable by a read_committed consumer. Each rate's first seconds are
   * warm-up, not counted.
   */
  private List<Latency> latency(
      Subject subject, Traffic traffic, String state, Duration interval, List<Integer> rates)
      throws Exception {
    Topics topics = freshTopics();
    List<Latency> results = new ArrayList<>();
    try (JobRun job = JobRun.start(subject, config(topics, state, interval, null));
        OutputWatch answers =
            OutputWatch.committed(client, subject.outputTopic(topics), subject::requestOf);
        Storefront storefront = Storefront.interactive(client, topics)) {
      if (subject.needsStock) {
        receiveStock(job, topics, traffic.skus());
      }
      storefront.hold("probe-1", traffic.next());
      storefront.flush();
      answers.awaitCount(1, WAIT, job);
      int first = 0;
      for (int rate : rates) {
        int total = rate * (warmupSeconds + phaseSeconds);
        long[] sentAt = send(storefront, traffic, rate, first, total);
        int measuredFrom = first + rate * warmupSeconds;
        long deadline = System.nanoTime() + interval.multipliedBy(5).plusSeconds(10).toNanos();
        while (answers.arrivalOf(first + total - 1) == null && System.nanoTime() < deadline) {
          job.checkRunning();
          Thread.sleep(20);
        }
        List<Long> micros = new ArrayList<>();
        for (int n = measuredFrom; n < first + total; n++) {
          Long arrival = answers.arrivalOf(n);
          if (arrival != null) {
            micros.add((arrival - sentAt[n - first]) / 1_000);
          }
        }
        long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        results.add(
            new Latency(
                rate,
                percentile(sorted, 50) / 1000.0,
                percentile(sorted, 99) / 1000.0,
                percentile(sorted, 99.9) / 1000.0,
                first + total - measuredFrom - sorted.length));
        first += total;
      }
    } finally {
      delete(checkpoints.resolve(topics.prefix()));
    }
    return results;
  }

  /** Sends {@code total} timed hold requests at {@code rate} per second; returns when each went. */
  private static long[] send(
      Storefront storefront, Traffic traffic, int rate, int first, int total) {
    long[] sentAt = new long[total];
    long start = System.nanoTime();
    for (int i = 0; i < total; i++) {
      long due = start + i * 1_000_000_000L / rate;
      // Park rather than spin: a spinning producer would take a core from the job it measures.
      for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      sentAt[i] = System.nanoTime();
      storefront.hold(OutputWatch.TIMED + (first + i), traffic.next());
    }
    storefront.flush();
    return sentAt;
  }

  /** Sends one receipt per SKU and waits until the job has published every SKU's position. */
  private void receiveStock(JobRun job, Topics topics, int skus) throws Exception {
    try (OutputWatch positions = OutputWatch.written(client, topics.inventoryPositions());
        Storefront warehouse = Storefront.bulk(client, topics)) {
      warehouse.receiveStock(skus);
      positions.awaitCount(skus, WAIT, job);
    }
  }

  /** Topics of their own for each run, so no run reads another's records. */
  private Topics freshTopics() {
    Topics topics = new Topics("bench" + runs++ + ".");
    List<TopicSpec> specs = new ArrayList<>(topics.all(PARTITIONS));
    specs.add(new TopicSpec(IdentityJob.outputTopic(topics), PARTITIONS, Map.of()));
    TopicSetup.ensure(client, specs);
    return topics;
  }

  private Configuration config(Topics topics, String state, Duration interval, String restoreFrom) {
    Configuration config = new Configuration(production);
    config.set(KafkaOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    config.set(KafkaOptions.TOPIC_PREFIX, topics.prefix());
    config.set(
        CheckpointingOptions.CHECKPOINTS_DIRECTORY,
        checkpoints.resolve(topics.prefix()).toUri().toString());
    config.set(StateBackendOptions.STATE_BACKEND, state);
    config.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, interval);
    config.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
    if (restoreFrom != null) {
      config.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom);
    }
    options.forEach(config::setString);
    return config;
  }

  /** The state backend a run had: the one its section chose, unless a -D option overrode it. */
  private String stateBackend(String chosen) {
    return options.getOrDefault(StateBackendOptions.STATE_BACKEND.key(), chosen);
  }

  private Duration defaultInterval() {
    return production.get(CheckpointingOptions.CHECKPOINTING_INTERVAL);
  }

  /** The cluster configuration the jobs run with in production, without its metric reporters. */
  private static Configuration productionConfig(Path directory) {
    Configuration config = GlobalConfiguration.loadConfiguration(directory.toString());
    config.keySet().stream()
        .filter(key -> key.startsWith("metrics.reporter."))
        .toList()
        .forEach(config::removeKey);
    return config;
  }

  private static void report(ResultTable.Row row) {
    System.out.println(row.values());
  }

  private static long percentile(long[] sorted, double percent) {
    if (sorted.length == 0) {
      return -1;
    }
    int index = (int) Math.ceil(percent / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static void delete(Path directory) throws IOException {
    if (Files.exists(directory)) {
      try (Stream<Path> paths = Files.walk(directory)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }
}
