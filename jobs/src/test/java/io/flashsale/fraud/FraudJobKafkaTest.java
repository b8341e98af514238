package io.flashsale.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashsale.events.CartEvent;
import io.flashsale.events.DeadLetter;
import io.flashsale.events.FraudAction;
import io.flashsale.events.FraudAlert;
import io.flashsale.fraud.LabelledTraffic.Actor;
import io.flashsale.kafka.Topics;
import io.flashsale.serde.EventJson;
import io.flashsale.testing.JobsOnKafka;
import io.flashsale.testing.Producing;
import io.flashsale.testing.TopicTail;
import io.flashsale.testing.TopicTail.Received;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fraud job and the table sync job on a real Kafka broker, a real PostgreSQL and a Flink mini
 * cluster, fed a labelled mix of shoppers and fraudsters in real time: the alerts are read back
 * read_committed and scored against the labels.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FraudJobKafkaTest {

  private static final long SEED = 20261128;
  private static final String PREFIX = "mixed.";
  private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(2);

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(4)
              .build());

  private JobsOnKafka servers;

  @BeforeAll
  void startServers() {
    servers = JobsOnKafka.withPostgres();
  }

  @AfterAll
  void stopServers() {
    servers.close();
  }

  @Test
  void shouldFlagBotsAndCouponAbusersButNotShoppersInALabelledStream() throws Exception {
    Topics topics = servers.createTopics(PREFIX);
    Configuration config = servers.config(PREFIX);
    LabelledTraffic.rules().forEach(config::setString);
    try (TopicTail<FraudAlert> alerts = servers.tail(topics.fraudAlerts(), FraudAlert.class);
        TopicTail<DeadLetter> deadLetters = servers.tail(topics.deadLetter(), DeadLetter.class);
        Producing producing = servers.producer()) {
      List<JobClient> jobs = List.of(servers.startFraud(config), servers.startTableSync(config));
      awaitCanaryAlert(producing, topics, alerts);

      Instant start = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.MILLIS);
      LabelledTraffic traffic = LabelledTraffic.generate(SEED, start);
      // Sent well before the traffic: a record on the quiet calendar holds its event time back for
      // the idle timeout, which would otherwise show up as latency.
      producing.sendRaw(
          topics.salesCalendar(), traffic.sale.saleId(), EventJson.write(traffic.sale));
      producing.flush();
      Map<String, Long> producedAt = sendInRealTime(producing, topics, traffic);

      String lastBot = "bot-3-device";
      List<FraudAlert> flagged =
          alerts
              .awaitSettled(
                  a -> a.stream().anyMatch(x -> x.subject().equals(lastBot)),
                  SETTLE_TIMEOUT,
                  Duration.ofSeconds(2))
              .stream()
              .filter(a -> !a.subject().startsWith("canary"))
              .toList();
      Map<String, FraudAlert> rows = awaitReviewRows(flagged.size());
      for (JobClient job : jobs) {
        job.cancel().get();
      }

      assertThat(deadLetters.snapshot()).isEmpty();
      assertThat(flagged).extracting(FraudAlert::alertId).doesNotHaveDuplicates();
      assertThat(flagged)
          .allSatisfy(
              alert -> {
                assertThat(alert.action()).isEqualTo(FraudAction.REVIEW);
                assertThat(alert.riskScore()).isBetween(alert.threshold(), 100);
                assertThat(alert.threshold()).isIn(70, 85);
              });
      assertThat(rows.keySet())
          .as("one fraud_review row, status NEW, per alert")
          .isEqualTo(flagged.stream().map(FraudAlert::alertId).collect(Collectors.toSet()));
      flagged.forEach(alert -> assertThat(rows.get(alert.alertId())).isEqualTo(alert));

      Score score = Score.of(traffic, flagged);
      assertThat(score.flaggedActors())
          .as("fast shoppers during the sale are not flagged at 85")
          .noneMatch(actor -> actor.startsWith("fast-"));
      Latency latency = Latency.of(alerts.received(), producedAt, traffic);
      System.out.printf(
          "fraud on a labelled stream: %d cart events over %d s from %d actors (%d fraudulent),"
              + " %d alerts on %d subjects%n"
              + "precision %.3f (%d of %d flagged subjects belong to fraudulent actors),"
              + " recall %.3f (%d of %d fraudulent actors flagged)%n"
              + "missed: %s; flagged but legitimate: %s%n"
              + "event-to-alert latency, produced to readable read_committed:"
              + " median %d ms, p99 %d ms, max %d ms over %d alerts%n",
          traffic.events.size(),
          Duration.between(traffic.start, traffic.end()).toSeconds(),
          traffic.actors.size(),
          score.fraudActors(),
          flagged.size(),
          score.flaggedSubjects(),
          score.precision(),
          score.truePositiveSubjects(),
          score.flaggedSubjects(),
          score.recall(),
          score.caughtFraudActors(),
          score.fraudActors(),
          score.missed(),
          score.falseAlarms(),
          latency.percentile(50),
          latency.percentile(99),
          latency.percentile(100),
          latency.count());
      assertThat(score.precision()).as("precision").isGreaterThanOrEqualTo(0.9);
      assertThat(score.recall()).as("recall").isGreaterThanOrEqualTo(0.9);
    }
  }

  /**
   * Sends a burst from an unlabelled device and waits for its alert: then the jobs are up, read the
   * topics and have event time, so the labelled traffic measures steady-state latency.
   */
  private static void awaitCanaryAlert(
      Producing producing, Topics topics, TopicTail<FraudAlert> alerts) throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    for (int i = 0; i < 5; i++) {
      CartEvent hold =
          Carts.hold("canary-" + i, now.plusMillis(100L * i))
              .customer("canary")
              .device("canary-device")
              .build();
      producing.sendRaw(topics.storefrontCarts(), hold.sku(), EventJson.write(hold));
    }
    producing.flush();
    alerts.awaitSettled(a -> !a.isEmpty(), SETTLE_TIMEOUT, Duration.ZERO);
  }

  /** Sends each event when the wall clock reaches its time; returns when each was acknowledged. */
  private static Map<String, Long> sendInRealTime(
      Producing producing, Topics topics, LabelledTraffic traffic) throws InterruptedException {
    Map<String, Long> producedAt = new HashMap<>();
    List<CartEvent> due = new ArrayList<>();
    for (CartEvent event : traffic.events) {
      long wait = event.occurredAt().toEpochMilli() - System.currentTimeMillis();
      if (wait > 0 && !due.isEmpty()) {
        flush(producing, due, producedAt);
      }
      if (wait > 0) {
        Thread.sleep(wait);
      }
      producing.sendRaw(topics.storefrontCarts(), event.sku(), EventJson.write(event));
      due.add(event);
    }
    flush(producing, due, producedAt);
    return producedAt;
  }

  private static void flush(Producing producing, List<CartEvent> sent, Map<String, Long> at) {
    producing.flush();
    long now = System.currentTimeMillis();
    sent.forEach(event -> at.put(event.eventId(), now));
    sent.clear();
  }

  /** Waits until {@code fraud_review} has {@code expected} rows; returns each row's evidence. */
  private Map<String, FraudAlert> awaitReviewRows(int expected) {
    return Awaitility.await("a fraud_review row per alert")
        .atMost(SETTLE_TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .until(this::readReviewRows, rows -> rows.size() >= expected);
  }

  private Map<String, FraudAlert> readReviewRows() throws Exception {
    Map<String, FraudAlert> rows = new HashMap<>();
    try (Connection connection =
            DriverManager.getConnection(
                servers.postgres().jdbcUrl(),
                servers.postgres().username(),
                servers.postgres().password());
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT * FROM "
                    + JobsOnKafka.schema(PREFIX)
                    + ".fraud_review ORDER BY alert_id")) {
      while (result.next()) {
        FraudAlert evidence = EventJson.read(result.getString("evidence"), FraudAlert.class);
        if (evidence.subject().startsWith("canary")) {
          continue;
        }
        assertThat(result.getString("status")).isEqualTo("NEW");
        assertThat(result.getString("pattern")).isEqualTo(evidence.pattern().name());
        assertThat(result.getInt("risk_score")).isEqualTo(evidence.riskScore());
        assertThat(result.getString("subject_type")).isEqualTo(evidence.subjectType().name());
        assertThat(result.getString("subject")).isEqualTo(evidence.subject());
        rows.put(result.getString("alert_id"), evidence);
      }
    }
    return rows;
  }

  /** Precision over flagged subjects, recall over fraudulent actors. */
  private record Score(
      int flaggedSubjects,
      int truePositiveSubjects,
      int fraudActors,
      int caughtFraudActors,
      Set<String> flaggedActors,
      Set<String> missed,
      Set<String> falseAlarms) {

    static Score of(LabelledTraffic traffic, List<FraudAlert> alerts) {
      Set<String> subjects = new LinkedHashSet<>();
      Set<String> flaggedActors = new TreeSet<>();
      Set<String> falseAlarms = new TreeSet<>();
      int truePositives = 0;
      for (FraudAlert alert : alerts) {
        if (!subjects.add(alert.subjectType() + ":" + alert.subject())) {
          continue;
        }
        Actor owner = traffic.owner(alert.subjectType(), alert.subject()).orElse(null);
        if (owner != null) {
          flaggedActors.add(owner.name());
        }
        if (owner != null && owner.fraud()) {
          truePositives++;
        } else {
          falseAlarms.add(
              alert.subjectType()
                  + ":"
                  + alert.subject()
                  + " ("
                  + (owner == null ? "nobody's" : owner.name())
                  + ")");
        }
      }
      List<Actor> fraudulent = traffic.actors.stream().filter(Actor::fraud).toList();
      Set<String> missed =
          fraudulent.stream()
              .map(Actor::name)
              .filter(name -> !flaggedActors.contains(name))
              .collect(Collectors.toCollection(TreeSet::new));
      return new Score(
          subjects.size(),
          truePositives,
          fraudulent.size(),
          fraudulent.size() - missed.size(),
          flaggedActors,
          missed,
          falseAlarms);
    }

    double precision() {
      return flaggedSubjects == 0 ? 0 : (double) truePositiveSubjects / flaggedSubjects;
    }

    double recall() {
      return (double) caughtFraudActors / fraudActors;
    }
  }

  /**
   * From the moment the event that completed an alert's evidence was acknowledged by the broker to
   * the moment a read_committed consumer received the alert.
   */
  private record Latency(List<Long> sortedMillis) {

    static Latency of(
        List<Received<FraudAlert>> received,
        Map<String, Long> producedAt,
        LabelledTraffic traffic) {
      Map<String, CartEvent> events =
          traffic.events.stream().collect(Collectors.toMap(CartEvent::eventId, e -> e));
      List<Long> millis =
          received.stream()
              .filter(r -> !r.value().subject().startsWith("canary"))
              .map(
                  r -> {
                    long completed =
                        r.value().evidenceEventIds().stream()
                            .filter(id -> events.get(id).occurredAt().equals(r.value().windowEnd()))
                            .mapToLong(producedAt::get)
                            .max()
                            .orElseThrow();
                    return r.receivedAtMillis() - completed;
                  })
              .sorted()
              .toList();
      return new Latency(millis);
    }

    long percentile(int p) {
      int rank = (int) Math.ceil(p / 100.0 * sortedMillis.size());
      return sortedMillis.get(Math.max(0, rank - 1));
    }

    int count() {
      return sortedMillis.size();
    }
  }
}
