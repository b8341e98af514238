package io.flashsale.cli;

import static io.flashsale.cli.CommandRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.flashsale.embedded.EmbeddedPostgres;
import io.flashsale.embedded.PostgresSecurity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flashsale migrate} on a PostgreSQL that takes only TLS with a password: TLS named in the
 * URL, the password in a file.
 */
class SecuredPostgresMigrateTest {

  @TempDir Path dir;

  @Test
  void shouldMigrateOverTlsWithThePasswordFromAFile() throws Exception {
    String password = UUID.randomUUID().toString();
    try (EmbeddedPostgres postgres =
        EmbeddedPostgres.start(PostgresSecurity.tlsWithPassword("flashsale", password))) {
      Path passwordFile = Files.writeString(dir.resolve("postgres-password"), password + "\n");
      Path wrongFile = Files.writeString(dir.resolve("wrong-password"), "wrong\n");

      CommandRun migrated =
          run("migrate", "--url", postgres.jdbcUrl(), "--password-file", passwordFile.toString());
      CommandRun again =
          run("migrate", "--url", postgres.jdbcUrl(), "--password-file", passwordFile.toString());
      CommandRun refused =
          run("migrate", "--url", postgres.jdbcUrl(), "--password-file", wrongFile.toString());

      assertThat(migrated.exitCode()).as(migrated.err()).isZero();
      assertThat(migrated.out()).contains("applied 1 migration(s)");
      assertThat(again.out()).contains("schema is up to date");
      assertThat(refused.exitCode()).isNotZero();
      assertThat(refused.err()).contains("password authentication failed");
      assertThat(migrated.out() + migrated.err() + refused.out() + refused.err())
          .doesNotContain(password);
    }
  }
}
