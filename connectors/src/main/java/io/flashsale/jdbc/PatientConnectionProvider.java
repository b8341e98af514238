package io.flashsale.jdbc;

import io.flashsale.logging.LogEvent;
import java.io.FileNotFoundException;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import javax.net.ssl.SSLException;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.datasource.connections.JdbcConnectionProvider;
import org.apache.flink.connector.jdbc.datasource.connections.SimpleJdbcConnectionProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections for the JDBC sinks that wait for a database that is down instead of failing at once.
 *
 * <p>The connector's writer reconnects once when a batch fails and fails the task if that fails
 * too, so a database outage becomes a restart loop of the whole job. Here a refused or lost
 * connection is tried again with a pause doubling from 100 ms up to a limit, for up to a deadline,
 * and only then fails with the last error. The writer blocks meanwhile with its batch kept, the job
 * holds back its input (Kafka keeps it), and once the database is back the batch is written and the
 * job catches up, without a restart. What waiting cannot cure (a wrong password, a missing
 * database, a TLS handshake the server's certificate fails, an unreadable certificate file) fails
 * at once.
 */
public final class PatientConnectionProvider implements JdbcConnectionProvider {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(PatientConnectionProvider.class);
  private static final long FIRST_PAUSE_MILLIS = 100;

  private final SimpleJdbcConnectionProvider connections;
  private final Duration patience;
  private final Duration maxPause;
  private transient volatile boolean closing;

  /** A connect attempt of the underlying provider. */
  @FunctionalInterface
  private interface Attempt {
    Connection connect() throws SQLException, ClassNotFoundException;
  }

  public PatientConnectionProvider(
      JdbcConnectionOptions options, Duration patience, Duration maxPause) {
    this.connections = new SimpleJdbcConnectionProvider(options);
    this.patience = patience;
    this.maxPause = maxPause;
  }

  @Override
  public Connection getConnection() {
    return connections.getConnection();
  }

  @Override
  public Properties getProperties() {
    return connections.getProperties();
  }

  @Override
  public boolean isConnectionValid() throws SQLException {
    return connections.isConnectionValid();
  }

  @Override
  public Connection getOrEstablishConnection() throws SQLException, ClassNotFoundException {
    return patiently(connections::getOrEstablishConnection);
  }

  @Override
  public void closeConnection() {
    connections.closeConnection();
  }

  @Override
  public Connection reestablishConnection() throws SQLException, ClassNotFoundException {
    return patiently(connections::reestablishConnection);
  }

  /**
   * From now on, one attempt and no waiting: the writer is being closed, after a failure or for a
   * cancel, and its task must not wait for the database to finish.
   */
  void stopWaiting() {
    closing = true;
  }

  private Connection patiently(Attempt attempt) throws SQLException, ClassNotFoundException {
    long startedAt = System.nanoTime();
    long pauseMillis = FIRST_PAUSE_MILLIS;
    int failures = 0;
    while (true) {
      try {
        Connection connection = attempt.connect();
        if (failures > 0) {
          LOG.info(
              LogEvent.of("postgres_reachable")
                  .with("unreachableForMs", elapsedMillis(startedAt))
                  .with("attempts", failures + 1)
                  .toString());
        }
        return connection;
      } catch (SQLException e) {
        if (closing
            || !curedByWaiting(e)
            || elapsedMillis(startedAt) + pauseMillis > patience.toMillis()) {
          throw e;
        }
        if (failures == 0) {
          // Once per outage, not per attempt.
          LOG.warn(
              LogEvent.of("postgres_unreachable")
                  .with("sqlState", e.getSQLState())
                  .with("reason", e.getMessage())
                  .with("waitingUpToMs", patience.toMillis())
                  .toString());
        }
        failures++;
        pause(pauseMillis, e);
        pauseMillis = Math.min(pauseMillis * 2, maxPause.toMillis());
      }
    }
  }

  /**
   * Connection failures (SQLSTATE class 08), a server shutting down or starting up (57P01-57P03)
   * and a full server (53300) pass; TLS handshake and certificate file errors, which the driver
   * reports as connection failures, do not.
   */
  static boolean curedByWaiting(SQLException e) {
    String state = e.getSQLState();
    boolean transientState =
        state != null
            && (state.startsWith("08")
                || state.equals("57P01")
                || state.equals("57P02")
                || state.equals("57P03")
                || state.equals("53300"));
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof SSLException
          || cause instanceof GeneralSecurityException
          || cause instanceof FileNotFoundException) {
        return false;
      }
    }
    return transientState;
  }

  private static void pause(long millis, SQLException failure) throws SQLException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      // The task is being cancelled: stop waiting, and let the caller see why.
      Thread.currentThread().interrupt();
      SQLException interrupted =
          new SQLException("interrupted while waiting for PostgreSQL", failure.getSQLState(), e);
      interrupted.addSuppressed(failure);
      throw interrupted;
    }
  }

  private static long elapsedMillis(long startedAtNanos) {
    return (System.nanoTime() - startedAtNanos) / 1_000_000;
  }
}
