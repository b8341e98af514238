package io.flashsale.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class EmbeddedPostgresTest {

  @Test
  void shouldStoreAndReturnRowsOverJdbc() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start();
        Connection connection =
            DriverManager.getConnection(
                postgres.jdbcUrl(), postgres.username(), postgres.password());
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE stock (sku TEXT PRIMARY KEY, units INT NOT NULL)");
      statement.execute("INSERT INTO stock VALUES ('sku-1', 42)");

      try (ResultSet rows = statement.executeQuery("SELECT sku, units FROM stock")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString("sku")).isEqualTo("sku-1");
        assertThat(rows.getInt("units")).isEqualTo(42);
        assertThat(rows.next()).isFalse();
      }
    }
  }

  @Test
  void shouldListenOnLoopbackOnly() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start();
        Connection connection =
            DriverManager.getConnection(
                postgres.jdbcUrl(), postgres.username(), postgres.password());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SHOW listen_addresses")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("127.0.0.1");
    }
  }

  @Test
  void shouldRefuseClientsWhileStoppedAndKeepItsDataWhenStartedAgain() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
      execute(postgres, "CREATE TABLE stock (sku TEXT PRIMARY KEY, units INT NOT NULL)");
      execute(postgres, "INSERT INTO stock VALUES ('sku-1', 42)");
      try (Connection cut = connect(postgres)) {
        postgres.stop();

        assertThatThrownBy(() -> connect(postgres))
            .isInstanceOf(SQLException.class)
            .extracting(e -> ((SQLException) e).getSQLState())
            .asString()
            .startsWith("08");
        assertThat(cut.isValid(5)).as("a connection open before the stop").isFalse();

        postgres.startAgain();
      }

      try (Connection connection = connect(postgres);
          Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT units FROM stock")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getInt("units")).isEqualTo(42);
      }
    }
  }

  @Test
  void shouldTakeTlsClientsWithThePasswordAndRefuseTheRest() throws Exception {
    String password = "s3cret-'quoted'";
    try (EmbeddedPostgres postgres =
        EmbeddedPostgres.start(PostgresSecurity.tlsWithPassword("shop", password))) {
      assertThat(postgres.jdbcUrl())
          .contains("sslmode=verify-full", "sslrootcert=" + postgres.rootCertificate());
      try (Connection connection = connect(postgres);
          Statement statement = connection.createStatement();
          ResultSet session =
              statement.executeQuery(
                  "SELECT ssl, current_user, current_database() FROM pg_stat_ssl"
                      + " WHERE pid = pg_backend_pid()")) {
        assertThat(session.next()).isTrue();
        assertThat(session.getBoolean("ssl")).isTrue();
        assertThat(session.getString("current_user")).isEqualTo("shop");
        assertThat(session.getString("current_database")).isEqualTo("shop");
        statement.execute("CREATE TABLE own_table (id INT)");
      }

      String plain = "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/shop?sslmode=disable";
      assertThatThrownBy(() -> DriverManager.getConnection(plain, "shop", password))
          .as("without TLS")
          .hasMessageContaining("no encryption");
      assertThatThrownBy(() -> DriverManager.getConnection(postgres.jdbcUrl(), "shop", "wrong"))
          .as("with a wrong password")
          .hasMessageContaining("password authentication failed");
      String unverified = postgres.jdbcUrl().replaceAll("&sslrootcert=.*", "");
      assertThatThrownBy(() -> DriverManager.getConnection(unverified, "shop", password))
          .as("verifying against the JVM's default root certificates")
          .isInstanceOf(SQLException.class);
    }
  }

  @Test
  void shouldKeepTlsAndThePasswordWhenStartedAgain() throws Exception {
    try (EmbeddedPostgres postgres =
        EmbeddedPostgres.start(PostgresSecurity.tlsWithPassword("shop", "again"))) {
      postgres.stop();
      postgres.startAgain();

      try (Connection connection = connect(postgres)) {
        assertThat(connection.isValid(5)).isTrue();
      }
    }
  }

  @Test
  void shouldNeverShowThePasswordInItsSettings() {
    assertThat(PostgresSecurity.tlsWithPassword("shop", "hunter2").toString())
        .doesNotContain("hunter2");
  }

  @Test
  void shouldFreeItsPortWhenClosed() {
    EmbeddedPostgres postgres = EmbeddedPostgres.start();
    int port = postgres.port();

    postgres.close();

    assertThatCode(() -> new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1")).close())
        .doesNotThrowAnyException();
  }

  private static Connection connect(EmbeddedPostgres postgres) throws SQLException {
    return DriverManager.getConnection(
        postgres.jdbcUrl(), postgres.username(), postgres.password());
  }

  private static void execute(EmbeddedPostgres postgres, String sql) throws SQLException {
    try (Connection connection = connect(postgres);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
