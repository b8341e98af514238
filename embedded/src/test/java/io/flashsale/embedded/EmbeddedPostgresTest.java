package io.flashsale.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
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
  void shouldFreeItsPortWhenClosed() {
    EmbeddedPostgres postgres = EmbeddedPostgres.start();
    int port = postgres.port();

    postgres.close();

    assertThatCode(() -> new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1")).close())
        .doesNotThrowAnyException();
  }
}
