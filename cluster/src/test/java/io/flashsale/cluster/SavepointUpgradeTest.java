package io.flashsale.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashsale.cluster.FlinkRest.JobRun;
import io.flashsale.events.Decision;
import io.flashsale.events.DecisionReason;
import io.flashsale.events.DecisionStatus;
import io.flashsale.inventory.InventoryJob;
import io.flashsale.inventory.LedgerInvariants;
import io.flashsale.tables.TableSyncJob;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An upgrade in the middle of a flash sale: the inventory job, submitted through REST to a real
 * session cluster, is stopped with a savepoint and started again from it with a changed
 * configuration (the ledger at parallelism 2 instead of 1; the operators keep their uids). Holds
 * granted before the stop are honoured or expire after it, and the contract's invariants hold over
 * the whole sale.
 */
@ExtendWith(JobsOnSessionCluster.Extension.class)
class SavepointUpgradeTest {

  private static final String PREFIX = "upgrade.";
  private static final long SEED = 20261128;

  /** About 9 s of sale: cart events are 3 ms apart. */
  private static final int CART_EVENTS = 3_000;

  /** Enough that holds are still granted when the job is stopped, halfway through the sale. */
  private static final int HOT_STOCK = 400;

  /**
   * Longer than the first half of the sale and, usually, the upgrade: the holds open at the stop
   * end after the restart, by their checkout or release, or by expiry when abandoned (or when the
   * upgrade took longer than they last: event time follows the wall clock while input is quiet).
   */
  private static final String HOLD_TTL = "20s";

  private static final Duration TIMEOUT = ClusterSale.TIMEOUT;

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void shouldHonourEveryHoldAndAnswerOnceAcrossAnUpgradeFromASavepoint(JobsOnSessionCluster jobs)
      throws Exception {
    FlinkRest rest = jobs.rest();
    try (ClusterSale sale = ClusterSale.open(jobs, PREFIX)) {
      JobRun inventory = JobRun.of(InventoryJob.class.getName(), sale.jobArgs(HOLD_TTL));
      String before =
          jobs.runAll(
                  inventory.withParallelism(1),
                  JobRun.of(TableSyncJob.class.getName(), sale.jobArgs(HOLD_TTL))
                      .withParallelism(1))
              .get(0);
      sale.receiveStock(SEED, CART_EVENTS, HOT_STOCK);
      SaleReplay replay = sale.replay();
      int half = replay.size() / 2;

      // ---- the first half of the sale, answered, then stop with a savepoint ----
      sale.play(0, half).join(TIMEOUT.toMillis());
      Set<String> firstHalf = replay.cartEventIds(0, half);
      sale.decisions.awaitSettled(
          d -> LedgerInvariants.answeredRequests(d).containsAll(firstHalf), TIMEOUT, Duration.ZERO);
      String savepoint =
          rest.stopWithSavepoint(before, jobs.cluster().savepointDirectory(), TIMEOUT);
      rest.awaitJob(before, job -> job.state().equals("FINISHED"), "stopped", TIMEOUT);
      List<Decision> beforeStop =
          sale.decisions.awaitSettled(d -> true, TIMEOUT, Duration.ofSeconds(1));
      Map<String, Decision> liveAtStop = LedgerInvariants.liveHolds(beforeStop);

      // ---- the upgrade: the same job from the savepoint, the ledger at parallelism 2 ----
      String after = jobs.run(inventory.withParallelism(2).fromSavepoint(savepoint));
      assertThat(rest.job(after).vertices())
          .filteredOn(vertex -> vertex.name().startsWith("Ledger per SKU"))
          .extracting(FlinkRest.Vertex::parallelism)
          .containsExactly(2);
      sale.play(half, replay.size()).join(TIMEOUT.toMillis());
      ClusterSale.Settled settled = sale.settle();
      List<Decision> read = settled.decisions();

      Map<String, DecisionStatus> ends = LedgerInvariants.assertEveryGrantEndedExactlyOnce(read);
      Map<DecisionStatus, Long> endsOfLiveAtStop =
          liveAtStop.keySet().stream()
              .collect(Collectors.groupingBy(ends::get, Collectors.counting()));
      System.out.printf(
          "Stopped with savepoint %s after %d of %d sale events (%d holds granted, %d refused),"
              + " %d holds live; restarted at parallelism 2, where they ended %s%n",
          savepoint,
          half,
          replay.size(),
          beforeStop.stream().filter(d -> d.status() == DecisionStatus.GRANTED).count(),
          beforeStop.stream().filter(d -> d.reason() == DecisionReason.INSUFFICIENT_STOCK).count(),
          liveAtStop.size(),
          endsOfLiveAtStop);

      assertThat(liveAtStop).as("holds live at the stop").isNotEmpty();
      assertThat(endsOfLiveAtStop)
          .as("holds granted before the stop, checked out or abandoned after it")
          .containsKeys(DecisionStatus.COMMITTED, DecisionStatus.EXPIRED);
      List<Decision> afterRestart = read.subList(beforeStop.size(), read.size());
      Map<String, Decision> endedAfterRestart =
          afterRestart.stream()
              .filter(d -> d.duplicate() == null && liveAtStop.containsKey(d.holdId()))
              .filter(d -> d.status() == ends.get(d.holdId()))
              .collect(Collectors.toMap(Decision::holdId, Function.identity(), (a, b) -> a));
      assertThat(endedAfterRestart.keySet())
          .as("holds granted before the stop, each ended after the restart")
          .isEqualTo(liveAtStop.keySet());
      sale.assertContract(settled);
    }
  }
}
