package io.flashsale.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flashsale.events.ChannelQuota;
import io.flashsale.events.DeadLetter;
import io.flashsale.events.Decision;
import io.flashsale.events.OversellIncident;
import io.flashsale.events.Position;
import io.flashsale.events.StockMovement;
import io.flashsale.inventory.FlashSaleScenario;
import io.flashsale.inventory.InventoryJob;
import io.flashsale.inventory.InventoryOptions;
import io.flashsale.inventory.LedgerInvariants;
import io.flashsale.kafka.Topics;
import io.flashsale.tables.TableSyncJob;
import io.flashsale.testing.JobsOnKafka;
import io.flashsale.testing.Producing;
import io.flashsale.testing.TopicTail;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A flash sale for the jobs on the session cluster: its topics, read from the start as storefronts
 * read them (read_committed), the sale itself, and the contract's checks over everything read.
 */
final class ClusterSale implements AutoCloseable {

  static final Duration TIMEOUT = Duration.ofMinutes(2);

  final TopicTail<Decision> decisions;
  final TopicTail<Position> positions;
  private final TopicTail<ChannelQuota> quotas;
  private final TopicTail<OversellIncident> incidents;
  private final TopicTail<DeadLetter> deadLetters;
  private final Producing producing;
  private final JobsOnSessionCluster jobs;
  private final String prefix;
  private final Topics topics;
  private FlashSaleScenario scenario;
  private SaleReplay replay;

  /** What was read once every cart event was answered and every hold had ended. */
  record Settled(
      List<Decision> decisions,
      List<Position> positions,
      Map<String, Position> last,
      Map<String, Position> rows) {}

  private ClusterSale(JobsOnSessionCluster jobs, String prefix) {
    JobsOnKafka servers = jobs.servers();
    this.jobs = jobs;
    this.prefix = prefix;
    this.topics = servers.createTopics(prefix);
    this.decisions = servers.tail(topics.reservationsDecisions(), Decision.class);
    this.positions = servers.tail(topics.inventoryPositions(), Position.class);
    this.quotas = servers.tail(topics.channelQuotas(), ChannelQuota.class);
    this.incidents = servers.tail(topics.oversellIncidents(), OversellIncident.class);
    this.deadLetters = servers.tail(topics.deadLetter(), DeadLetter.class);
    this.producing = servers.producer();
  }

  /** The topics and tables of {@code prefix}, read from their start. */
  static ClusterSale open(JobsOnSessionCluster jobs, String prefix) {
    return new ClusterSale(jobs, prefix);
  }

  /**
   * The jobs' options: this sale's topics and tables, holds lasting {@code holdTtl}, and the
   * ledger's own rules as in the jobs' Kafka tests (only the own store sells).
   */
  List<String> jobArgs(String holdTtl) {
    return jobs.args(
        prefix,
        "--" + InventoryOptions.HOLD_TTL.key(),
        holdTtl,
        "--" + InventoryOptions.ALLOCATION_FILE.key(),
        jobs.resourceFile("allocation-direct-only.yaml"));
  }

  /**
   * Runs the inventory job, its ledger at parallelism 2, and the table sync job on this sale, with
   * holds lasting {@code holdTtl}; returns their ids, in that order, once all their tasks run.
   */
  List<String> runInventoryAndTableSync(String holdTtl) {
    List<String> args = jobArgs(holdTtl);
    return jobs.runAll(
        FlinkRest.JobRun.of(InventoryJob.class.getName(), args).withParallelism(2),
        FlinkRest.JobRun.of(TableSyncJob.class.getName(), args).withParallelism(1));
  }

  /** Generates the sale, stamped from now, and waits until its stock is received. */
  void receiveStock(long seed, int cartEvents, int hotStock) {
    scenario =
        FlashSaleScenario.generate(
            seed, cartEvents, hotStock, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    producing.send(topics.inventoryStock(), scenario.receipts, StockMovement::sku);
    positions.awaitSettled(p -> p.size() >= scenario.receipts.size(), TIMEOUT, Duration.ZERO);
    replay = new SaleReplay(scenario, topics);
  }

  SaleReplay replay() {
    return replay;
  }

  /** Sends the sale's events {@code from} (inclusive) {@code to} (exclusive), paced, meanwhile. */
  Thread play(int from, int to) {
    return replay.play(producing, from, to);
  }

  /** Waits until every cart event is answered and no hold is live, then reads the rest. */
  Settled settle() {
    Set<String> cartEventIds = replay.cartEventIds(0, replay.size());
    List<Decision> read =
        decisions.awaitSettled(
            d ->
                LedgerInvariants.answeredRequests(d).containsAll(cartEventIds)
                    && LedgerInvariants.liveHolds(d).isEmpty(),
            TIMEOUT,
            Duration.ofSeconds(2));
    List<Position> positionsRead =
        positions.awaitSettled(p -> true, TIMEOUT, Duration.ofSeconds(1));
    Map<String, Position> last = LedgerInvariants.lastPositions(positionsRead);
    Map<String, Position> rows = jobs.servers().awaitPositionRows(prefix, last, TIMEOUT);
    return new Settled(read, positionsRead, last, rows);
  }

  /**
   * The contract's invariants over the whole sale: nothing oversold, every cart event answered
   * once, every granted hold ended once, versions only rising, the end state the sale implies, no
   * dead letters, and PostgreSQL equal to the topic.
   */
  void assertContract(Settled settled) {
    LedgerInvariants.assertNeverOversold(settled.positions(), incidents.snapshot());
    LedgerInvariants.assertEveryCartEventAnsweredOnce(scenario.carts, settled.decisions());
    LedgerInvariants.assertEveryGrantEndedExactlyOnce(settled.decisions());
    LedgerInvariants.assertVersionsOnlyIncrease(settled.positions(), settled.decisions());
    LedgerInvariants.assertEndState(scenario, settled.last(), settled.decisions());
    assertThat(deadLetters.snapshot()).isEmpty();
    assertThat(settled.rows()).isEqualTo(settled.last());
  }

  /**
   * Everything read, reconciled with everything sent: the sale's inputs read back from their
   * topics, and the decisions, positions and quotas the jobs wrote. Call after {@link #settle()}.
   */
  Reconciliation reconcile(Settled settled) throws InterruptedException {
    Map<String, Map<String, Long>> sendsByTopic = new HashMap<>(replay.sendsByTopic());
    Map<String, Long> stock =
        new HashMap<>(sendsByTopic.getOrDefault(topics.inventoryStock(), Map.of()));
    scenario.receipts.forEach(receipt -> stock.merge(receipt.eventId(), 1L, Long::sum));
    sendsByTopic.put(topics.inventoryStock(), stock);
    Map<String, Long> sent = new HashMap<>();
    List<String> read = new ArrayList<>();
    Map<String, TopicTail<JsonNode>> inputs = new HashMap<>();
    try {
      // All read at once, each from its beginning.
      sendsByTopic.keySet().forEach(t -> inputs.put(t, jobs.servers().tail(t, JsonNode.class)));
      for (Map.Entry<String, Map<String, Long>> topic : sendsByTopic.entrySet()) {
        topic.getValue().forEach((eventId, times) -> sent.merge(eventId, times, Long::sum));
        long records = topic.getValue().values().stream().mapToLong(Long::longValue).sum();
        // Beyond the count sent, a short quiet spell shows whether more (doubled) records follow.
        inputs
            .get(topic.getKey())
            .awaitSettled(r -> r.size() >= records, TIMEOUT, Duration.ofMillis(500))
            .forEach(input -> read.add(input.path("eventId").asText()));
      }
    } finally {
      for (TopicTail<JsonNode> tail : inputs.values()) {
        tail.close();
      }
    }
    // Written in the same transactions as the positions, which settle() read to the end.
    List<ChannelQuota> quotasRead = quotas.awaitSettled(q -> true, TIMEOUT, Duration.ofSeconds(1));
    return Reconciliation.of(
        sent,
        read,
        replay.cartEventIds(0, replay.size()),
        settled.decisions(),
        settled.positions(),
        quotasRead);
  }

  @Override
  public void close() throws Exception {
    try (producing;
        decisions;
        positions;
        quotas;
        incidents;
        deadLetters) {
      jobs.cancelAll();
    }
  }
}
