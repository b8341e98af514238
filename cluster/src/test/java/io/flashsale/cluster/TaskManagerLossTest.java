package io.flashsale.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashsale.cluster.FlinkRest.JobRun;
import io.flashsale.cluster.SessionCluster.TaskManager;
import io.flashsale.events.DeadLetter;
import io.flashsale.events.Decision;
import io.flashsale.events.DecisionReason;
import io.flashsale.events.DecisionStatus;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The inventory and table sync jobs, submitted through REST to a real session cluster, lose their
 * only TaskManager to {@code kill -9} in the middle of a flash sale, and a new TaskManager takes
 * over. The sale goes on meanwhile. Read back the way storefronts read (read_committed): nothing
 * lost, doubled, oversold or contradicted, and PostgreSQL ends equal to the topic.
 */
@ExtendWith(JobsOnSessionCluster.Extension.class)
class TaskManagerLossTest {

  private static final String PREFIX = "tmloss.";
  private static final long SEED = 20261127;

  /** About 12 s of sale: cart events are 3 ms apart. */
  private static final int CART_EVENTS = 4_000;

  /** Shoppers want about twice as many units. */
  private static final int HOT_STOCK = 250;

  /** Abandoned carts give their units back during the sale. */
  private static final String HOLD_TTL = "5s";

  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void shouldLoseDoubleAndRetractNothingWhenTheTaskManagerIsKilledMidSale(JobsOnSessionCluster jobs)
      throws Exception {
    JobsOnKafka servers = jobs.servers();
    FlinkRest rest = jobs.rest();
    Topics topics = servers.createTopics(PREFIX);
    // The ledger's own rules, as in the jobs' Kafka tests: only the own store sells.
    List<String> args =
        jobs.args(
            PREFIX,
            "--" + InventoryOptions.HOLD_TTL.key(),
            HOLD_TTL,
            "--" + InventoryOptions.ALLOCATION_FILE.key(),
            jobs.resourceFile("allocation-direct-only.yaml"));
    try (TopicTail<Decision> decisions =
            servers.tail(topics.reservationsDecisions(), Decision.class);
        TopicTail<Position> positions = servers.tail(topics.inventoryPositions(), Position.class);
        TopicTail<OversellIncident> incidents =
            servers.tail(topics.oversellIncidents(), OversellIncident.class);
        TopicTail<DeadLetter> deadLetters = servers.tail(topics.deadLetter(), DeadLetter.class);
        Producing producing = servers.producer()) {
      List<String> running =
          jobs.runAll(
              JobRun.of(InventoryJob.class.getName(), args).withParallelism(2),
              JobRun.of(TableSyncJob.class.getName(), args).withParallelism(1));
      String inventory = running.get(0);
      String tableSync = running.get(1);

      FlashSaleScenario scenario =
          FlashSaleScenario.generate(
              SEED, CART_EVENTS, HOT_STOCK, Instant.now().truncatedTo(ChronoUnit.MILLIS));
      producing.send(topics.inventoryStock(), scenario.receipts, StockMovement::sku);
      positions.awaitSettled(p -> p.size() >= scenario.receipts.size(), TIMEOUT, Duration.ZERO);
      SaleReplay sale = new SaleReplay(scenario, topics);
      Thread selling = sale.play(producing, 0, sale.size());

      // ---- a third into the sale, the TaskManager dies and another one is started ----
      Awaitility.await("a third of the sale sent")
          .atMost(TIMEOUT)
          .until(() -> sale.sent() >= sale.size() / 3);
      assertThat(jobs.cluster().taskManagers()).as("TaskManagers").hasSize(1);
      TaskManager lost = jobs.cluster().taskManagers().get(0);
      int sentBeforeKill = sale.sent();
      int answeredBeforeKill = decisions.size();
      long killedAt = System.currentTimeMillis();
      jobs.cluster().kill(lost);
      CompletableFuture<TaskManager> replacement =
          CompletableFuture.supplyAsync(() -> jobs.cluster().startTaskManager());
      rest.awaitJob(inventory, job -> !job.allTasksRunning(), "the loss noticed", TIMEOUT);
      long noticedAt = System.currentTimeMillis();
      rest.awaitAllTasksRunning(inventory, TIMEOUT);
      long runningAt = System.currentTimeMillis();

      selling.join(TIMEOUT.toMillis());
      assertThat(selling.isAlive()).as("the sale still being sent").isFalse();
      Set<String> cartEventIds = sale.cartEventIds(0, sale.size());
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
      Map<String, Position> rows = servers.awaitPositionRows(PREFIX, last, TIMEOUT);
      rest.awaitAllTasksRunning(tableSync, TIMEOUT);

      Recovery recovery =
          Recovery.measure(decisions.received(), sale, killedAt, noticedAt, runningAt);
      System.out.printf(
          "TaskManager %s (pid %d) killed with %d of %d sale events sent and %d decisions read;"
              + " %s replaced it.%n%s%n",
          lost.name(),
          lost.pid(),
          sentBeforeKill,
          sale.size(),
          answeredBeforeKill,
          replacement.join().name(),
          recovery);

      assertThat(sentBeforeKill).as("events sent before the kill").isBetween(1, sale.size() - 1);
      assertThat(recovery.sentWhileDown()).as("events sent while the job was down").isPositive();
      LedgerInvariants.assertNeverOversold(positionsRead, incidents.snapshot());
      LedgerInvariants.assertEveryCartEventAnsweredOnce(scenario.carts, read);
      LedgerInvariants.assertEveryGrantEndedExactlyOnce(read);
      LedgerInvariants.assertVersionsOnlyIncrease(positionsRead, read);
      LedgerInvariants.assertEndState(scenario, last, read);
      assertThat(read)
          .as("shoppers wanted more than there was")
          .anyMatch(d -> d.reason() == DecisionReason.INSUFFICIENT_STOCK);
      assertThat(read).anyMatch(d -> d.status() == DecisionStatus.EXPIRED);
      assertThat(deadLetters.snapshot()).isEmpty();
      assertThat(rows).isEqualTo(last);
    } finally {
      jobs.cancelAll();
    }
  }

  /** How long the sale went unanswered, from the kill. */
  private record Recovery(
      long noticedMillis,
      long runningMillis,
      long firstNewAnswerMillis,
      long caughtUpMillis,
      int sentWhileDown) {

    static Recovery measure(
        List<TopicTail.Received<Decision>> received,
        SaleReplay sale,
        long killedAt,
        long noticedAt,
        long runningAt) {
      Map<String, Long> answeredAt = new HashMap<>();
      for (TopicTail.Received<Decision> decision : received) {
        if (decision.value().requestEventId() != null) {
          answeredAt.putIfAbsent(decision.value().requestEventId(), decision.receivedAtMillis());
        }
      }
      long firstNewAnswer = Long.MAX_VALUE;
      long caughtUp = Long.MIN_VALUE;
      int sentWhileDown = 0;
      for (Map.Entry<String, Long> answer : answeredAt.entrySet()) {
        Long sent = sale.firstSentMillis(answer.getKey());
        if (sent != null && sent > killedAt) {
          firstNewAnswer = Math.min(firstNewAnswer, answer.getValue());
          if (sent <= runningAt) {
            caughtUp = Math.max(caughtUp, answer.getValue());
            sentWhileDown++;
          }
        }
      }
      return new Recovery(
          noticedAt - killedAt,
          runningAt - killedAt,
          firstNewAnswer - killedAt,
          caughtUp - killedAt,
          sentWhileDown);
    }

    @Override
    public String toString() {
      return String.format(
          "Recovery from the kill: loss noticed after %d ms, all tasks RUNNING again after %d ms,"
              + " first answer to a cart event sent after the kill readable after %d ms, all %d"
              + " cart events sent while the job was down answered after %d ms",
          noticedMillis, runningMillis, firstNewAnswerMillis, sentWhileDown, caughtUpMillis);
    }
  }
}
