package io.flashsale.bench;

import io.flashsale.config.KafkaOptions;
import io.flashsale.embedded.EmbeddedKafka;
import io.flashsale.events.CartEvent;
import io.flashsale.events.CartEventType;
import io.flashsale.events.Decision;
import io.flashsale.events.Pool;
import io.flashsale.events.StockKind;
import io.flashsale.events.StockMovement;
import io.flashsale.inventory.InventoryJob;
import io.flashsale.kafka.TopicSetup;
import io.flashsale.kafka.Topics;
import io.flashsale.serde.EventJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.TimeUtils;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Hold-to-decision latency of the inventory job, exactly-once as in production: from a storefront
 * producing a HOLD_REQUESTED to the decision being readable by a read_committed consumer, for each
 * checkpoint interval asked for. The decision is committed with the checkpoint after it, so the
 * interval is most of the latency.
 */
@Command(
    name = "hold-latency",
    mixinStandardHelpOptions = true,
    description = "Measures hold-to-decision latency against checkpoint intervals.")
public final class HoldLatencyBenchmark implements Callable<Integer> {

  private static final int SKUS = 100;
  private static final String MEASURED = "lat-";
  private static final String PROBE = "probe-";
  private static final int PROBE_KEY = -1;

  @Option(
      names = "--intervals",
      split = ",",
      defaultValue = "100ms,200ms,500ms,1s",
      description = "Checkpoint intervals to measure.")
  List<String> intervals;

  @Option(names = "--rate", defaultValue = "200", description = "Hold requests per second.")
  int rate;

  @Option(names = "--seconds", defaultValue = "30", description = "Measured seconds per interval.")
  int seconds;

  @Option(names = "--warmup-seconds", defaultValue = "10")
  int warmupSeconds;

  @Option(names = "--parallelism", defaultValue = "2")
  int parallelism;

  @Option(names = "--csv", defaultValue = "bench/results/hold-latency.csv")
  Path csv;

  @Option(
      names = "-D",
      description = "Any Flink or job option, e.g. -D state.backend.type=rocksdb.")
  Map<String, String> options = new HashMap<>();

  /** One row of the results. */
  record Result(Duration interval, int samples, int missing, long[] percentilesMicros) {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new HoldLatencyBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    List<Result> results = new ArrayList<>();
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      for (int i = 0; i < intervals.size(); i++) {
        Duration interval = TimeUtils.parseDuration(intervals.get(i));
        results.add(measure(kafka.bootstrapServers(), interval, "latency" + i + "."));
      }
    }
    report(results);
    return 0;
  }

  private Result measure(String bootstrapServers, Duration interval, String prefix)
      throws Exception {
    Topics topics = new Topics(prefix);
    Properties client = new Properties();
    client.setProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    TopicSetup.ensure(client, topics.all(4));

    Configuration config = new Configuration();
    config.set(KafkaOptions.BOOTSTRAP_SERVERS, bootstrapServers);
    config.set(KafkaOptions.TOPIC_PREFIX, prefix);
    config.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, interval);
    config.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
    options.forEach(config::setString);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(config);
    InventoryJob.build(env, config);
    JobClient job = env.executeAsync(InventoryJob.NAME);

    int total = rate * (warmupSeconds + seconds);
    long[] sentAt = new long[total];
    ConcurrentHashMap<Integer, Long> decidedAt = new ConcurrentHashMap<>();
    AtomicBoolean reading = new AtomicBoolean(true);
    Thread reader = readDecisions(client, topics, decidedAt, reading);
    try (KafkaProducer<byte[], byte[]> producer = producer(client)) {
      receiveStock(producer, topics);
      awaitDecisionsFlowing(producer, topics, decidedAt);
      long start = System.nanoTime();
      for (int n = 0; n < total; n++) {
        long due = start + n * 1_000_000_000L / rate;
        // Park rather than spin: a spinning producer would take a core from the job it measures.
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
          LockSupport.parkNanos(wait);
        }
        CartEvent hold = hold(MEASURED + n, "BENCH-" + n % SKUS);
        sentAt[n] = System.nanoTime();
        send(producer, topics, hold);
      }
      long deadline = System.nanoTime() + interval.multipliedBy(5).plusSeconds(5).toNanos();
      while (decidedAt.size() < total + 1 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
    } finally {
      reading.set(false);
      reader.join();
      job.cancel().get();
    }

    int warmup = rate * warmupSeconds;
    List<Long> latencies = new ArrayList<>();
    int missing = 0;
    for (int n = warmup; n < total; n++) {
      Long decided = decidedAt.get(n);
      if (decided == null) {
        missing++;
      } else {
        latencies.add((decided - sentAt[n]) / 1_000);
      }
    }
    long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    return new Result(
        interval,
        sorted.length,
        missing,
        new long[] {
          percentile(sorted, 50), percentile(sorted, 99), percentile(sorted, 99.9), max(sorted)
        });
  }

  private static CartEvent hold(String eventId, String sku) {
    return CartEvent.of(
        eventId,
        CartEventType.HOLD_REQUESTED,
        "web",
        sku,
        1,
        eventId,
        "cart-" + eventId,
        "shopper-" + eventId,
        null,
        Instant.now());
  }

  /** Plenty of stock, so every hold is granted and every decision costs the same. */
  private static void receiveStock(KafkaProducer<byte[], byte[]> producer, Topics topics) {
    for (int i = 0; i < SKUS; i++) {
      StockMovement receipt =
          new StockMovement(
              "stock-" + i,
              "BENCH-" + i,
              Pool.MAIN,
              StockKind.RECEIVED,
              1_000_000,
              null,
              Instant.now());
      producer.send(
          new ProducerRecord<>(
              topics.inventoryStock(),
              receipt.sku().getBytes(StandardCharsets.UTF_8),
              EventJson.write(receipt)));
    }
    producer.flush();
  }

  /** Sends one probe hold and waits for its decision: the job is up and the stock is in. */
  private static void awaitDecisionsFlowing(
      KafkaProducer<byte[], byte[]> producer,
      Topics topics,
      ConcurrentHashMap<Integer, Long> decidedAt)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (!decidedAt.containsKey(PROBE_KEY)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the job answered no probe within two minutes");
      }
      send(producer, topics, hold(PROBE + System.nanoTime(), "BENCH-0"));
      producer.flush();
      Thread.sleep(1_000);
    }
  }

  private static void send(KafkaProducer<byte[], byte[]> producer, Topics topics, CartEvent hold) {
    producer.send(
        new ProducerRecord<>(
            topics.storefrontCarts(),
            hold.sku().getBytes(StandardCharsets.UTF_8),
            EventJson.write(hold)));
  }

  private static Thread readDecisions(
      Properties client,
      Topics topics,
      ConcurrentHashMap<Integer, Long> decidedAt,
      AtomicBoolean reading) {
    Properties properties = new Properties();
    properties.putAll(client);
    properties.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    Thread reader =
        new Thread(
            () -> {
              try (KafkaConsumer<byte[], byte[]> consumer =
                  new KafkaConsumer<>(
                      properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> partitions =
                    consumer.partitionsFor(topics.reservationsDecisions()).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition()))
                        .toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                while (reading.get()) {
                  for (ConsumerRecord<byte[], byte[]> record :
                      consumer.poll(Duration.ofMillis(20))) {
                    long now = System.nanoTime();
                    String request =
                        EventJson.read(record.value(), Decision.class).requestEventId();
                    if (request != null && request.startsWith(MEASURED)) {
                      decidedAt.putIfAbsent(
                          Integer.parseInt(request.substring(MEASURED.length())), now);
                    } else if (request != null && request.startsWith(PROBE)) {
                      decidedAt.putIfAbsent(PROBE_KEY, now);
                    }
                  }
                }
              }
            },
            "decision-reader");
    reader.start();
    return reader;
  }

  private static KafkaProducer<byte[], byte[]> producer(Properties client) {
    Properties properties = new Properties();
    properties.putAll(client);
    properties.setProperty(ProducerConfig.LINGER_MS_CONFIG, "0");
    return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static long percentile(long[] sorted, double percent) {
    if (sorted.length == 0) {
      return -1;
    }
    int index = (int) Math.ceil(percent / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static long max(long[] sorted) {
    return sorted.length == 0 ? -1 : sorted[sorted.length - 1];
  }

  private void report(List<Result> results) throws IOException {
    String header = "checkpoint_interval_ms,samples,missing,p50_ms,p99_ms,p99_9_ms,max_ms";
    List<String> lines = new ArrayList<>(List.of(header));
    System.out.printf(
        "%nhold-to-decision latency, read_committed, %d holds/s, parallelism %d, options %s%n",
        rate, parallelism, options);
    System.out.printf(
        "%-20s %8s %8s %8s %8s %9s %8s%n",
        "checkpoint interval", "samples", "missing", "p50 ms", "p99 ms", "p99.9 ms", "max ms");
    for (Result result : results) {
      double[] ms =
          Arrays.stream(result.percentilesMicros()).mapToDouble(us -> us / 1000.0).toArray();
      System.out.printf(
          "%-20s %8d %8d %8.1f %8.1f %9.1f %8.1f%n",
          result.interval().toMillis() + " ms",
          result.samples(),
          result.missing(),
          ms[0],
          ms[1],
          ms[2],
          ms[3]);
      lines.add(
          String.format(
              "%d,%d,%d,%.1f,%.1f,%.1f,%.1f",
              result.interval().toMillis(),
              result.samples(),
              result.missing(),
              ms[0],
              ms[1],
              ms[2],
              ms[3]));
    }
    Files.createDirectories(csv.toAbsolutePath().getParent());
    Files.write(csv, lines);
    System.out.println("written to " + csv);
  }
}
