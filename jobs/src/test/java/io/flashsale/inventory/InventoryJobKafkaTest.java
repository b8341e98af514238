package io.flashsale.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.flashsale.config.EventTimeOptions;
import io.flashsale.events.CartEvent;
import io.flashsale.events.DeadLetter;
import io.flashsale.events.Decision;
import io.flashsale.events.DecisionReason;
import io.flashsale.events.DecisionStatus;
import io.flashsale.events.MarketplaceOrder;
import io.flashsale.events.OversellIncident;
import io.flashsale.events.Position;
import io.flashsale.events.StockMovement;
import io.flashsale.kafka.Topics;
import io.flashsale.serde.EventJson;
import io.flashsale.testing.JobsOnKafka;
import io.flashsale.testing.Producing;
import io.flashsale.testing.TopicTail;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The inventory job and the table sync job on a real Kafka broker, a real PostgreSQL and a Flink
 * mini cluster, read back the way storefronts read them: read_committed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InventoryJobKafkaTest {

  private static final int CART_EVENTS = 50_000;
  private static final long SEED = 20261127;
  private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(4);

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(4)
              .build());

  private JobsOnKafka servers;
  private FlashSaleScenario scenario;
  private Run baseline;

  @BeforeAll
  void startServers() {
    servers = JobsOnKafka.withPostgres();
    scenario =
        FlashSaleScenario.generate(SEED, CART_EVENTS, Instant.now().truncatedTo(ChronoUnit.MILLIS));
  }

  @AfterAll
  void stopServers() {
    servers.close();
  }

  @Test
  void shouldSellHotSkusOutExactlyAndNeverOversellInAFlashSaleBurst(
      @InjectMiniCluster MiniCluster cluster) throws Exception {
    Run run = baseline(cluster);

    assertThat(run.deadLetters).isEmpty();
    assertInvariants(run);
    LedgerInvariants.assertEndState(scenario, run.lastPositions, run.decisions);
    for (String sku : FlashSaleScenario.HOT_SKUS) {
      Position last = run.lastPositions.get(sku + "|MAIN");
      assertThat(last.committed() + last.held())
          .as("%s: committed and held units add up exactly to the stock", sku)
          .isEqualTo(FlashSaleScenario.HOT_STOCK);
      assertThat(last.available()).isZero();
    }
    assertThat(run.postgresRows).isEqualTo(run.lastPositions);
    System.out.printf(
        "flash-sale burst: %d input events in %d ms, %.0f events/s%n",
        run.inputEvents, run.processingMillis, run.inputEvents * 1000.0 / run.processingMillis);
  }

  @Test
  void shouldRecoverFromALostTaskManagerWithNothingLostDoubledOrContradicted(
      @InjectMiniCluster MiniCluster cluster) throws Exception {
    Run expected = baseline(cluster);

    Run recovered = run("fail.", cluster, true);

    assertThat(recovered.failureInjected).isTrue();
    assertInvariants(recovered);
    assertThat(perSku(recovered.decisions))
        .as("the same decisions, in the same order per SKU, as without the failure")
        .isEqualTo(perSku(expected.decisions));
    // Hot SKUs see only cart events, so their positions match exactly. A warm SKU's shipment and
    // its order travel on different topics, so which of them applies the shipment, and stamps its
    // time, may differ between runs; every quantity and version still matches.
    for (String sku : FlashSaleScenario.HOT_SKUS) {
      assertThat(recovered.lastPositions.get(sku + "|MAIN"))
          .isEqualTo(expected.lastPositions.get(sku + "|MAIN"));
    }
    assertThat(recovered.lastPositions.values())
        .usingRecursiveFieldByFieldElementComparatorIgnoringFields("updatedAt")
        .containsExactlyInAnyOrderElementsOf(expected.lastPositions.values());
    assertThat(recovered.postgresRows).isEqualTo(recovered.lastPositions);
  }

  @Test
  void shouldDeadLetterBadRecordsWithTheirReasonAndKeepRunning(
      @InjectMiniCluster MiniCluster cluster) throws Exception {
    String prefix = "bad.";
    Topics topics = createTopics(prefix);
    try (TopicTail<Decision> decisions = tail(topics.reservationsDecisions(), Decision.class);
        TopicTail<DeadLetter> deadLetters = tail(topics.deadLetter(), DeadLetter.class);
        TopicTail<Position> positions = tail(topics.inventoryPositions(), Position.class);
        Producing producing = servers.producer()) {
      List<JobClient> jobs = startJobs(config(prefix));
      Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      receiveFirst(producing, positions, topics, now);
      String carts = topics.storefrontCarts();
      String valid =
          "{\"eventId\":\"ok\",\"type\":\"HOLD_REQUESTED\",\"channel\":\"web\",\"sku\":\"S\","
              + "\"quantity\":1,\"holdId\":\"h\",\"cartId\":\"c\",\"customerId\":\"u\","
              + "\"occurredAt\":\""
              + now
              + "\"}";
      Map<String, String> bad = new LinkedHashMap<>();
      bad.put("{\"eventId\":", "malformed JSON");
      bad.put(valid.replace("\"quantity\":1,", ""), "missing field 'quantity'");
      bad.put(valid.replace("\"quantity\":1", "\"quantity\":-2"), "must be a positive integer");
      bad.put(valid.replace(now.toString(), "27/11/2026 10:00"), "field 'occurredAt'");
      bad.put(valid.replace("HOLD_REQUESTED", "HOLD_GRABBED"), "unknown value HOLD_GRABBED");
      bad.put(valid.replace("\"S\"", "\"S K U\""), "field 'sku' must be 1-64 characters");
      bad.put(
          valid.replace("{", "{\"padding\":\"" + "x".repeat(70_000) + "\","),
          "bytes is over the limit");
      bad.put(
          valid.replace("{", "{\"padding\":" + "[".repeat(20) + "]".repeat(20) + ","),
          "nesting depth (17) exceeds");
      bad.put(
          valid.replace("\"u\",", "\"u\",\"couponCodes\":[" + "\"c\",".repeat(10_000) + "\"c\"],"),
          "has 10001 entries, more than 64");
      bad.put(
          valid.replace("\"ok\"", "\"" + "e".repeat(300) + "\""),
          "field 'eventId' must be 1-256 characters");
      bad.forEach(
          (json, reason) -> producing.sendRaw(carts, "S", json.getBytes(StandardCharsets.UTF_8)));
      String unknownPool =
          "{\"eventId\":\"m\",\"sku\":\"S\",\"pool\":\"SHELF\",\"kind\":\"RECEIVED\",\"quantity\":1,"
              + "\"occurredAt\":\""
              + now
              + "\"}";
      producing.sendRaw(topics.inventoryStock(), "S", unknownPool.getBytes(StandardCharsets.UTF_8));
      producing.sendRaw(carts, "S", valid.getBytes(StandardCharsets.UTF_8));
      producing.sendRaw(carts, "S", releaseJson("unknown-hold", now));
      producing.flush();

      List<DeadLetter> letters =
          deadLetters.awaitSettled(
              l -> l.size() >= bad.size() + 1, SETTLE_TIMEOUT, Duration.ofSeconds(1));
      List<Decision> answers =
          decisions.awaitSettled(d -> d.size() >= 2, SETTLE_TIMEOUT, Duration.ofSeconds(1));
      cancel(jobs);

      assertThat(letters).hasSize(bad.size() + 1);
      List<String> reasons = letters.stream().map(DeadLetter::reason).toList();
      bad.values().forEach(reason -> assertThat(reasons).anyMatch(r -> r.contains(reason)));
      assertThat(reasons).anyMatch(r -> r.contains("unknown value SHELF"));
      assertThat(letters)
          .allSatisfy(
              letter -> {
                assertThat(letter.sourceTopic()).isIn(carts, topics.inventoryStock());
                assertThat(letter.offset()).isNotNegative();
                assertThat(letter.payload()).isNotEmpty();
              });
      assertThat(letters.stream().mapToInt(l -> l.payload().length()).max().orElseThrow())
          .isEqualTo(DeadLetter.MAX_PAYLOAD_BYTES);
      assertThat(answers)
          .extracting(Decision::requestEventId, Decision::status, Decision::reason)
          .containsExactly(
              tuple("ok", DecisionStatus.GRANTED, null),
              tuple("release", DecisionStatus.REJECTED, DecisionReason.UNKNOWN_HOLD));
    }
  }

  @Test
  void shouldExpireAHoldOnTimeWhenNoFurtherInputArrives(@InjectMiniCluster MiniCluster cluster)
      throws Exception {
    String prefix = "idle.";
    Topics topics = createTopics(prefix);
    Configuration config = config(prefix);
    config.set(InventoryOptions.HOLD_TTL, Duration.ofSeconds(3));
    config.set(EventTimeOptions.IDLE_TIMEOUT, Duration.ofSeconds(1));
    config.set(EventTimeOptions.OUT_OF_ORDERNESS, Duration.ofMillis(500));
    try (TopicTail<Decision> decisions = tail(topics.reservationsDecisions(), Decision.class);
        TopicTail<Position> positions = tail(topics.inventoryPositions(), Position.class);
        Producing producing = servers.producer()) {
      List<JobClient> jobs = startJobs(config);
      receiveFirst(producing, positions, topics, Instant.now());
      Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      producing.sendRaw(
          topics.storefrontCarts(),
          "S",
          EventJson.write(LedgerEvents.hold("quiet", "S", "h", 1, now)));
      producing.flush();

      List<Decision> answers =
          decisions.awaitSettled(
              d -> d.stream().anyMatch(x -> x.status() == DecisionStatus.EXPIRED),
              Duration.ofSeconds(30),
              Duration.ZERO);
      long expiredSeenAt = System.currentTimeMillis();
      cancel(jobs);

      assertThat(answers)
          .extracting(Decision::status)
          .containsExactly(DecisionStatus.GRANTED, DecisionStatus.EXPIRED);
      Decision expired = answers.get(1);
      assertThat(expired.decidedAt()).isEqualTo(now.plusSeconds(3));
      assertThat(expiredSeenAt - now.plusSeconds(3).toEpochMilli())
          .as("milliseconds from expiry to a readable EXPIRED with no further input")
          .isLessThan(Duration.ofSeconds(20).toMillis());
    }
  }

  // ---- running the scenario ----

  /** What one run of the scenario left on the output topics and in PostgreSQL. */
  record Run(
      List<Decision> decisions,
      List<Position> positions,
      Map<String, Position> lastPositions,
      List<OversellIncident> incidents,
      List<DeadLetter> deadLetters,
      Map<String, Position> postgresRows,
      int inputEvents,
      long processingMillis,
      boolean failureInjected) {}

  private synchronized Run baseline(MiniCluster cluster) throws Exception {
    if (baseline == null) {
      baseline = run("burst.", cluster, false);
    }
    return baseline;
  }

  private Run run(String prefix, MiniCluster cluster, boolean loseTaskManager) throws Exception {
    Topics topics = createTopics(prefix);
    Configuration config = config(prefix);
    try (TopicTail<Decision> decisions = tail(topics.reservationsDecisions(), Decision.class);
        TopicTail<Position> positions = tail(topics.inventoryPositions(), Position.class);
        TopicTail<OversellIncident> incidents =
            tail(topics.oversellIncidents(), OversellIncident.class);
        TopicTail<DeadLetter> deadLetters = tail(topics.deadLetter(), DeadLetter.class);
        Producing producing = servers.producer()) {
      List<JobClient> jobs = startJobs(config);

      producing.send(topics.inventoryStock(), scenario.receipts, StockMovement::sku);
      positions.awaitSettled(
          p -> p.size() >= scenario.receipts.size(), SETTLE_TIMEOUT, Duration.ZERO);

      long started = System.currentTimeMillis();
      producing.send(topics.marketplaceOrders(), scenario.orders, MarketplaceOrder::sku);
      producing.send(topics.inventoryStock(), scenario.shipments, StockMovement::sku);
      producing.send(topics.storefrontCarts(), scenario.carts, CartEvent::sku);
      boolean failureInjected = false;
      if (loseTaskManager) {
        decisions.awaitSettled(d -> d.size() >= CART_EVENTS / 3, SETTLE_TIMEOUT, Duration.ZERO);
        cluster.terminateTaskManager(0).get();
        cluster.startTaskManager();
        failureInjected = decisions.size() < CART_EVENTS;
      }
      Set<String> cartEventIds =
          scenario.carts.stream().map(CartEvent::eventId).collect(Collectors.toSet());
      decisions.awaitSettled(
          d -> LedgerInvariants.answeredRequests(d).containsAll(cartEventIds),
          SETTLE_TIMEOUT,
          Duration.ZERO);
      long processingMillis = System.currentTimeMillis() - started;
      List<Decision> allDecisions =
          decisions.awaitSettled(d -> true, SETTLE_TIMEOUT, Duration.ofSeconds(2));
      List<Position> allPositions =
          positions.awaitSettled(p -> true, SETTLE_TIMEOUT, Duration.ofSeconds(2));
      Map<String, Position> lastPositions = LedgerInvariants.lastPositions(allPositions);
      Map<String, Position> rows = servers.awaitPositionRows(prefix, lastPositions, SETTLE_TIMEOUT);
      cancel(jobs);
      return new Run(
          allDecisions,
          allPositions,
          lastPositions,
          incidents.snapshot(),
          deadLetters.snapshot(),
          rows,
          scenario.carts.size() + scenario.orders.size() + scenario.shipments.size(),
          processingMillis,
          failureInjected);
    }
  }

  /** The ledger's own rules: allocation has its own tests, so only the own store sells here. */
  private Configuration config(String prefix) {
    Configuration config = servers.config(prefix);
    config.set(
        InventoryOptions.ALLOCATION_FILE, JobsOnKafka.resource("allocation-direct-only.yaml"));
    return config;
  }

  private List<JobClient> startJobs(Configuration config) throws Exception {
    return List.of(servers.startInventory(config), servers.startTableSync(config));
  }

  private Topics createTopics(String prefix) {
    return servers.createTopics(prefix);
  }

  private <T> TopicTail<T> tail(String topic, Class<T> type) {
    return servers.tail(topic, type);
  }

  private static void cancel(List<JobClient> jobs) throws Exception {
    for (JobClient job : jobs) {
      job.cancel().get();
    }
  }

  /**
   * Receives stock of SKU {@code S} and waits until its position is readable: receipts travel on
   * another topic than cart events, and a hold must not overtake the stock it needs.
   */
  private static void receiveFirst(
      Producing producing, TopicTail<Position> positions, Topics topics, Instant at) {
    producing.sendRaw(topics.inventoryStock(), "S", stockJson(at));
    producing.flush();
    positions.awaitSettled(p -> !p.isEmpty(), SETTLE_TIMEOUT, Duration.ZERO);
  }

  private static byte[] stockJson(Instant at) {
    return EventJson.write(LedgerEvents.received("stock-" + at.toEpochMilli(), "S", 5, at));
  }

  private static byte[] releaseJson(String holdId, Instant at) {
    return EventJson.write(LedgerEvents.release("release", "S", holdId, at));
  }

  // ---- reading the results ----

  /** Invariants 1 to 4 on what a run left on the topics, its holds possibly still live. */
  private void assertInvariants(Run run) {
    LedgerInvariants.assertNeverOversold(run.positions, run.incidents);
    LedgerInvariants.assertEveryCartEventAnsweredOnce(scenario.carts, run.decisions);
    LedgerInvariants.assertEveryGrantEndsAtMostOnce(run.decisions);
    LedgerInvariants.assertVersionsOnlyIncrease(run.positions, run.decisions);
  }

  private static Map<String, List<Decision>> perSku(List<Decision> decisions) {
    return decisions.stream().collect(Collectors.groupingBy(Decision::sku));
  }
}
