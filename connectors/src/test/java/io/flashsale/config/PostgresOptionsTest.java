package io.flashsale.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresOptionsTest {

  @TempDir Path directory;

  @Test
  void shouldReadThePasswordFromItsFileWithoutTheTrailingLineBreak() throws IOException {
    Path file = Files.writeString(directory.resolve("password"), "p@ss word\n\n");
    Configuration config = new Configuration();
    config.set(PostgresOptions.PASSWORD_FILE, file.toString());

    assertThat(PostgresOptions.password(config)).isEqualTo("p@ss word\n");

    Files.writeString(file, "windows\r\n");
    assertThat(PostgresOptions.password(config)).isEqualTo("windows");
  }

  @Test
  void shouldPreferTheConfiguredPassword() {
    Configuration config = new Configuration();
    config.set(PostgresOptions.PASSWORD, "configured");

    assertThat(PostgresOptions.password(config)).isEqualTo("configured");
  }

  @Test
  void shouldRefuseAPasswordAndAPasswordFileTogether() throws IOException {
    Configuration config = new Configuration();
    config.set(PostgresOptions.PASSWORD, "configured");
    config.set(
        PostgresOptions.PASSWORD_FILE,
        Files.writeString(directory.resolve("password"), "filed").toString());

    assertThatThrownBy(() -> PostgresOptions.password(config))
        .hasMessageContaining("not both")
        .hasMessageNotContaining("configured")
        .hasMessageNotContaining("filed");
  }

  @Test
  void shouldNameAMissingPasswordFile() {
    Configuration config = new Configuration();
    config.set(PostgresOptions.PASSWORD_FILE, directory.resolve("absent").toString());

    assertThatThrownBy(() -> PostgresOptions.password(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("postgres.password-file")
        .hasMessageContaining(directory.resolve("absent").toString());
  }
}
