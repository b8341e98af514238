package io.flashsale.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flashsale.embedded.EmbeddedPostgres;
import io.flashsale.embedded.PostgresSecurity;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Waiting for a real PostgreSQL that is stopped, and not waiting for what waiting cannot cure. */
class PatientConnectionProviderTest {

  private static final Duration MAX_PAUSE = Duration.ofMillis(400);

  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void start() {
    postgres = EmbeddedPostgres.start();
  }

  @AfterAll
  static void stop() {
    postgres.close();
  }

  @Test
  void shouldWaitForTheDatabaseToComeBack() throws Exception {
    PatientConnectionProvider provider = provider(postgres.password(), Duration.ofSeconds(30));
    provider.getOrEstablishConnection();
    postgres.stop();
    long stoppedAt = System.nanoTime();
    CompletableFuture<Void> back =
        CompletableFuture.runAsync(
            postgres::startAgain, CompletableFuture.delayedExecutor(2, TimeUnit.SECONDS));
    try {
      Connection connection = provider.reestablishConnection();

      assertThat(connection.isValid(5)).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt))
          .isGreaterThan(Duration.ofSeconds(2));
    } finally {
      back.join();
      provider.closeConnection();
    }
  }

  @Test
  void shouldGiveUpWithTheConnectionErrorAfterItsPatience() {
    postgres.stop();
    try {
      PatientConnectionProvider provider = provider(postgres.password(), Duration.ofSeconds(1));
      long startedAt = System.nanoTime();

      assertThatThrownBy(provider::getOrEstablishConnection)
          .isInstanceOf(SQLException.class)
          .extracting(e -> ((SQLException) e).getSQLState())
          .asString()
          .startsWith("08");
      assertThat(Duration.ofNanos(System.nanoTime() - startedAt))
          .isBetween(Duration.ofMillis(500), Duration.ofSeconds(5));
    } finally {
      postgres.startAgain();
    }
  }

  @Test
  void shouldFailAtOnceWhenTheDatabaseRefusesTheLogin() {
    EmbeddedPostgres secured =
        EmbeddedPostgres.start(PostgresSecurity.tlsWithPassword("shop", "right"));
    try (secured) {
      PatientConnectionProvider provider =
          new PatientConnectionProvider(
              options(secured.jdbcUrl(), "shop", "wrong"), Duration.ofMinutes(1), MAX_PAUSE);
      long startedAt = System.nanoTime();

      assertThatThrownBy(provider::getOrEstablishConnection)
          .hasMessageContaining("password authentication failed");
      assertThat(Duration.ofNanos(System.nanoTime() - startedAt))
          .isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void shouldStopWaitingWhenInterrupted() throws Exception {
    postgres.stop();
    try {
      PatientConnectionProvider provider = provider(postgres.password(), Duration.ofMinutes(1));
      CompletableFuture<Throwable> failure = new CompletableFuture<>();
      Thread waiting =
          new Thread(
              () -> {
                try {
                  provider.getOrEstablishConnection();
                  failure.complete(null);
                } catch (Exception e) {
                  failure.complete(e);
                }
              });
      waiting.start();
      // Interrupted in its pause between attempts, not before it first tries.
      Awaitility.await("the provider pausing between attempts")
          .atMost(Duration.ofSeconds(30))
          .until(() -> waiting.getState() == Thread.State.TIMED_WAITING);
      waiting.interrupt();

      assertThat(failure.get(10, TimeUnit.SECONDS))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("interrupted");
    } finally {
      postgres.startAgain();
    }
  }

  private static PatientConnectionProvider provider(String password, Duration patience) {
    return new PatientConnectionProvider(
        options(postgres.jdbcUrl(), postgres.username(), password), patience, MAX_PAUSE);
  }

  private static JdbcConnectionOptions options(String url, String username, String password) {
    return new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
        .withUrl(url)
        .withDriverName("org.postgresql.Driver")
        .withUsername(username)
        .withPassword(password)
        .build();
  }
}
