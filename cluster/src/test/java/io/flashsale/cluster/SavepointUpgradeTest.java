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
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The inventory job, submitted through REST to a real session cluster, is interrupted twice in the
 * middle of a flash sale: first cancelled and started again from its last retained checkpoint, then
 * stopped with a savepoint and started from it with a changed configuration (the ledger at
 * parallelism 2 instead of 1; the operators keep their uids). Holds live at each interruption are
 * honoured or expire after it, each ends once, and the contract's invariants hold over the sale.
 */
@ExtendWith(JobsOnSessionCluster.Extension.class)
class SavepointUpgradeTest {

  private static final String PREFIX = "upgrade.";
  private static final long SEED = 20261128;

  /** About 12 s of sale: cart events are 3 ms apart. */
  private static final int CART_EVENTS = 4_000;

  /** Enough that holds are still granted at both interruptions, a third and two thirds in. */
  private static final int HOT_STOCK = 500;

  /**
   * Longer than a third of the sale and, usually, an interruption: the holds open at a stop end
   * after the restart, by their checkout or release, or by expiry when abandoned (or when the
   * restart took longer than they last: event time follows the wall clock while input is quiet).
   */
  private static final String HOLD_TTL = "20s";

  private static final Duration TIMEOUT = ClusterSale.TIMEOUT;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void shouldHonourEveryHoldAndAnswerOnceAcrossACancelAndAnUpgrade(JobsOnSessionCluster jobs)
      throws Exception {
    FlinkRest rest = jobs.rest();
    try (ClusterSale sale = ClusterSale.open(jobs, PREFIX)) {
      JobRun inventory = JobRun.of(InventoryJob.class.getName(), sale.jobArgs(HOLD_TTL));
      String first =
          jobs.runAll(
                  inventory.withParallelism(1),
                  JobRun.of(TableSyncJob.class.getName(), sale.jobArgs(HOLD_TTL))
                      .withParallelism(1))
              .get(0);
      sale.receiveStock(SEED, CART_EVENTS, HOT_STOCK);
      SaleReplay replay = sale.replay();
      int third = replay.size() / 3;

      // ---- the first third, then cancel: what was not checkpointed is aborted ----
      playAndAwaitAnswers(sale, 0, third);
      rest.cancel(first);
      rest.awaitJob(first, job -> job.state().equals("CANCELED"), "cancelled", TIMEOUT);
      String checkpoint = rest.latestCheckpoint(first).orElseThrow().path();
      Interruption cancel = Interruption.seenBy(sale);
      String second = jobs.run(inventory.withParallelism(1).fromSavepoint(checkpoint));

      // ---- the second third, then stop with a savepoint and upgrade ----
      playAndAwaitAnswers(sale, third, 2 * third);
      String savepoint =
          rest.stopWithSavepoint(second, jobs.cluster().savepointDirectory(), TIMEOUT);
      rest.awaitJob(second, job -> job.state().equals("FINISHED"), "stopped", TIMEOUT);
      Interruption stop = Interruption.seenBy(sale);
      String upgraded = jobs.run(inventory.withParallelism(2).fromSavepoint(savepoint));
      assertThat(rest.job(upgraded).vertices())
          .filteredOn(vertex -> vertex.name().startsWith("Ledger per SKU"))
          .extracting(FlinkRest.Vertex::parallelism)
          .containsExactly(2);

      // ---- the rest of the sale ----
      sale.play(2 * third, replay.size()).join(TIMEOUT.toMillis());
      ClusterSale.Settled settled = sale.settle();
      List<Decision> read = settled.decisions();
      Map<String, DecisionStatus> ends = LedgerInvariants.assertEveryGrantEndedExactlyOnce(read);
      System.out.printf(
          "Cancelled after %d of %d sale events and restarted from checkpoint %s: %s%n"
              + "Stopped after %d with savepoint %s, restarted at parallelism 2: %s%n",
          third,
          replay.size(),
          checkpoint,
          cancel.describe(ends),
          2 * third,
          savepoint,
          stop.describe(ends));

      sale.assertContract(settled);
      assertThat(read)
          .as("shoppers wanted more than there was")
          .anyMatch(d -> d.reason() == DecisionReason.INSUFFICIENT_STOCK);
      for (Interruption interruption : List.of(cancel, stop)) {
        assertThat(interruption.liveHolds()).as("holds live at the interruption").isNotEmpty();
        assertThat(interruption.endedAfter(read, ends))
            .as("holds granted before the interruption, each ended after the restart")
            .isEqualTo(interruption.liveHolds().keySet());
      }
      assertThat(stop.endsOfLiveHolds(ends))
          .as("holds granted before the upgrade, checked out or abandoned after it")
          .containsKeys(DecisionStatus.COMMITTED, DecisionStatus.EXPIRED);
    }
  }

  /** Plays the sale's events {@code from} to {@code to} and waits until they are answered. */
  private static void playAndAwaitAnswers(ClusterSale sale, int from, int to) throws Exception {
    sale.play(from, to).join(TIMEOUT.toMillis());
    Set<String> played = sale.replay().cartEventIds(from, to);
    sale.decisions.awaitSettled(
        d -> LedgerInvariants.answeredRequests(d).containsAll(played), TIMEOUT, Duration.ZERO);
  }

  /**
   * What readers had seen when the job was interrupted: how many decisions, and the holds then
   * live.
   */
  private record Interruption(int decisionsBefore, Map<String, Decision> liveHolds) {

    /** Everything readable once the job has stopped. */
    static Interruption seenBy(ClusterSale sale) {
      List<Decision> before =
          sale.decisions.awaitSettled(d -> true, TIMEOUT, Duration.ofSeconds(1));
      return new Interruption(before.size(), LedgerInvariants.liveHolds(before));
    }

    /** The live holds whose one end was decided after the restart. */
    Set<String> endedAfter(List<Decision> read, Map<String, DecisionStatus> ends) {
      return read.subList(decisionsBefore, read.size()).stream()
          .filter(d -> d.duplicate() == null && liveHolds.containsKey(d.holdId()))
          .filter(d -> d.status() == ends.get(d.holdId()))
          .map(Decision::holdId)
          .collect(Collectors.toSet());
    }

    Map<DecisionStatus, Long> endsOfLiveHolds(Map<String, DecisionStatus> ends) {
      return liveHolds.keySet().stream()
          .collect(Collectors.groupingBy(ends::get, Collectors.counting()));
    }

    String describe(Map<String, DecisionStatus> ends) {
      return String.format(
          "%d decisions read before, %d holds live, which ended %s",
          decisionsBefore, liveHolds.size(), endsOfLiveHolds(ends));
    }
  }
}
