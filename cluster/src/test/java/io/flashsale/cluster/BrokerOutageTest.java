package io.flashsale.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashsale.embedded.EmbeddedKafka;
import io.flashsale.events.DecisionReason;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Kafka node (broker and controller) that the inventory and table sync jobs on a real session
 * cluster read and write stops for 30 s a third of the way through a flash sale, and comes back
 * with its data on the same address. Storefronts go on taking orders meanwhile: their producer
 * keeps what it cannot send and sends it once the broker is back. Read back the way storefronts
 * read (read_committed): the jobs recover on their own, nothing is lost, doubled, oversold or
 * contradicted, and PostgreSQL ends equal to the topic.
 *
 * <p>It stops the servers' shared broker, the one every job and table of these tests uses, and
 * always brings it back, so that the test classes after it find it as it was.
 */
@ExtendWith(JobsOnSessionCluster.Extension.class)
class BrokerOutageTest {

  private static final String PREFIX = "brokerdown.";
  private static final long SEED = 20261129;

  /**
   * About 18 s of sale (cart events are 3 ms apart): the jobs answer by a third of it, and the rest
   * is sent while the broker is down.
   */
  private static final int CART_EVENTS = 6_000;

  /** Shoppers want about twice as many units. */
  private static final int HOT_STOCK = 375;

  /** Abandoned carts give their units back during the sale. */
  private static final String HOLD_TTL = "5s";

  private static final Duration DOWN = Duration.ofSeconds(30);
  private static final Duration TIMEOUT = ClusterSale.TIMEOUT;

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void shouldLoseAndDoubleNothingWhenTheBrokerStopsForThirtySecondsMidSale(
      JobsOnSessionCluster jobs) throws Exception {
    FlinkRest rest = jobs.rest();
    EmbeddedKafka broker = jobs.servers().kafka();
    try (ClusterSale sale = ClusterSale.open(jobs, PREFIX)) {
      List<String> running = sale.runInventoryAndTableSync(HOLD_TTL);
      sale.receiveStock(SEED, CART_EVENTS, HOT_STOCK);
      SaleReplay replay = sale.replay();
      Thread selling = sale.play(0, replay.size());

      // ---- a third into the sale, with answers being read, the broker stops for 30 s ----
      Awaitility.await("a third of the sale sent and answered")
          .atMost(TIMEOUT)
          .until(() -> replay.sent() >= replay.size() / 3 && sale.decisions.size() > 0);
      int sentBeforeStop = replay.sent();
      int answeredBeforeStop = sale.decisions.size();
      long stoppedAt = System.currentTimeMillis();
      broker.stop();
      try {
        Thread.sleep(Math.max(0, stoppedAt + DOWN.toMillis() - System.currentTimeMillis()));
      } finally {
        broker.restart();
      }
      long backAt = System.currentTimeMillis();
      Map<String, Long> runningAgainAt = awaitRunningAgain(rest, running, backAt);

      selling.join(TIMEOUT.toMillis());
      assertThat(selling.isAlive()).as("the sale still being sent").isFalse();
      ClusterSale.Settled settled = sale.settle();
      Recovery recovery = Recovery.measure(sale.decisions.received(), replay, stoppedAt, backAt);
      Reconciliation reconciliation = sale.reconcile(settled);
      System.out.printf(
          "Broker stopped with %d of %d sale events sent and %d decisions read, back after %d ms."
              + "%nFailures the jobs restarted from: inventory %s, table sync %s.%nRecovery from"
              + " the broker's return: running with a new checkpoint after %d ms (inventory) and"
              + " %d ms (table sync), first answer to a cart event sent after the stop readable"
              + " after %d ms, all %d cart events sent while it was down answered after %d ms."
              + "%n%s%n",
          sentBeforeStop,
          replay.size(),
          answeredBeforeStop,
          backAt - stoppedAt,
          rest.failures(running.get(0)),
          rest.failures(running.get(1)),
          runningAgainAt.get(running.get(0)) - backAt,
          runningAgainAt.get(running.get(1)) - backAt,
          recovery.firstNewAnswerAt() - backAt,
          recovery.sentWhileDown(),
          recovery.caughtUpAt() - backAt,
          reconciliation);

      assertThat(sentBeforeStop).as("events sent before the stop").isBetween(1, replay.size() - 1);
      assertThat(recovery.sentWhileDown()).as("cart events sent while down").isPositive();
      assertThat(reconciliation.lost()).as("records lost: %s", reconciliation).isZero();
      assertThat(reconciliation.doubled()).as("records doubled: %s", reconciliation).isZero();
      sale.assertContract(settled);
      assertThat(settled.decisions())
          .as("shoppers wanted more than there was")
          .anyMatch(d -> d.reason() == DecisionReason.INSUFFICIENT_STOCK);
    }
  }

  /**
   * When each job ran again after {@code since}, by job id: all of its tasks RUNNING and a
   * checkpoint completed, so that its exactly-once sinks commit again, whether it restarted or
   * waited. The time is that checkpoint's, as the JobManager recorded it.
   */
  private static Map<String, Long> awaitRunningAgain(
      FlinkRest rest, List<String> jobs, long since) {
    Map<String, Long> runningAgainAt = new HashMap<>();
    Awaitility.await("the jobs running and checkpointing again")
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              for (String job : jobs) {
                long checkpointed =
                    rest.latestCheckpoint(job).map(FlinkRest.Checkpoint::ackedAtMillis).orElse(0L);
                if (!runningAgainAt.containsKey(job)
                    && checkpointed > since
                    && rest.job(job).allTasksRunning()) {
                  runningAgainAt.put(job, checkpointed);
                }
              }
              return runningAgainAt.size() == jobs.size();
            });
    return runningAgainAt;
  }
}
