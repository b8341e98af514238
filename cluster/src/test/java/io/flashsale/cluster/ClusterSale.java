package io.flashsale.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashsale.events.DeadLetter;
import io.flashsale.events.Decision;
import io.flashsale.events.OversellIncident;
import io.flashsale.events.Position;
import io.flashsale.events.StockMovement;
import io.flashsale.inventory.FlashSaleScenario;
import io.flashsale.inventory.InventoryOptions;
import io.flashsale.inventory.LedgerInvariants;
import io.flashsale.kafka.Topics;
import io.flashsale.testing.JobsOnKafka;
import io.flashsale.testing.Producing;
import io.flashsale.testing.TopicTail;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

  @Override
  public void close() throws Exception {
    try (producing;
        decisions;
        positions;
        incidents;
        deadLetters) {
      jobs.cancelAll();
    }
  }
}
