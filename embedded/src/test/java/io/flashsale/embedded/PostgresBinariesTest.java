package io.flashsale.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresBinariesTest {

  @TempDir Path root;

  @Test
  void shouldPickTheNewestInstalledVersionNumerically() throws IOException {
    installServerPrograms(root.resolve("9.6/bin"));
    installServerPrograms(root.resolve("16/bin"));
    installServerPrograms(root.resolve("15/bin"));

    assertThat(PostgresBinaries.locate(null, root)).isEqualTo(root.resolve("16/bin"));
  }

  @Test
  void shouldSkipVersionsWithoutServerPrograms() throws IOException {
    installServerPrograms(root.resolve("15/bin"));
    Files.createDirectories(root.resolve("17/bin"));

    assertThat(PostgresBinaries.locate(null, root)).isEqualTo(root.resolve("15/bin"));
  }

  @Test
  void shouldPreferTheDirectoryFromTheEnvironment() throws IOException {
    installServerPrograms(root.resolve("16/bin"));
    Path custom = root.resolve("custom/bin");
    installServerPrograms(custom);

    assertThat(PostgresBinaries.locate(custom.toString(), root)).isEqualTo(custom);
  }

  @Test
  void shouldRejectAnEnvironmentDirectoryWithoutServerPrograms() {
    assertThatThrownBy(() -> PostgresBinaries.locate(root.toString(), root))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("FLASHSALE_PG_BIN");
  }

  @Test
  void shouldTellHowToInstallWhenNothingIsInstalled() {
    assertThatThrownBy(() -> PostgresBinaries.locate(null, root.resolve("missing")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("apt-get install -y postgresql");
  }

  private static void installServerPrograms(Path bin) throws IOException {
    Files.createDirectories(bin);
    for (String program : new String[] {"initdb", "pg_ctl"}) {
      Files.createFile(
          bin.resolve(program),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }
  }
}
