package io.flashsale.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashsale.cluster.SessionCluster.TaskManager;
import io.flashsale.events.DecisionReason;
import io.flashsale.events.DecisionStatus;
import java.time.Duration;
import java.util.List;
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

  private static final Duration TIMEOUT = ClusterSale.TIMEOUT;

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void shouldLoseDoubleAndRetractNothingWhenTheTaskManagerIsKilledMidSale(JobsOnSessionCluster jobs)
      throws Exception {
    FlinkRest rest = jobs.rest();
    try (ClusterSale sale = ClusterSale.open(jobs, PREFIX)) {
      List<String> running = sale.runInventoryAndTableSync(HOLD_TTL);
      String inventory = running.get(0);
      String tableSync = running.get(1);
      sale.receiveStock(SEED, CART_EVENTS, HOT_STOCK);
      SaleReplay replay = sale.replay();
      Thread selling = sale.play(0, replay.size());

      // ---- a third into the sale, the TaskManager dies and another one is started ----
      Awaitility.await("a third of the sale sent")
          .atMost(TIMEOUT)
          .until(() -> replay.sent() >= replay.size() / 3);
      assertThat(jobs.cluster().taskManagers()).as("TaskManagers").hasSize(1);
      TaskManager lost = jobs.cluster().taskManagers().get(0);
      int sentBeforeKill = replay.sent();
      int answeredBeforeKill = sale.decisions.size();
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
      ClusterSale.Settled settled = sale.settle();
      rest.awaitAllTasksRunning(tableSync, TIMEOUT);

      Recovery recovery = Recovery.measure(sale.decisions.received(), replay, killedAt, runningAt);
      System.out.printf(
          "TaskManager %s (pid %d) killed with %d of %d sale events sent and %d decisions read;"
              + " %s replaced it.%nRecovery from the kill: loss noticed after %d ms, all tasks"
              + " RUNNING again after %d ms, first answer to a cart event sent after the kill"
              + " readable after %d ms, all %d cart events sent while the job was down answered"
              + " after %d ms%n",
          lost.name(),
          lost.pid(),
          sentBeforeKill,
          replay.size(),
          answeredBeforeKill,
          replacement.join().name(),
          noticedAt - killedAt,
          runningAt - killedAt,
          recovery.firstNewAnswerAt() - killedAt,
          recovery.sentWhileDown(),
          recovery.caughtUpAt() - killedAt);

      assertThat(sentBeforeKill).as("events sent before the kill").isBetween(1, replay.size() - 1);
      assertThat(recovery.sentWhileDown()).as("events sent while the job was down").isPositive();
      sale.assertContract(settled);
      assertThat(settled.decisions())
          .as("shoppers wanted more than there was")
          .anyMatch(d -> d.reason() == DecisionReason.INSUFFICIENT_STOCK);
      assertThat(settled.decisions()).anyMatch(d -> d.status() == DecisionStatus.EXPIRED);
    }
  }
}
