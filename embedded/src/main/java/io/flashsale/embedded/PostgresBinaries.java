package io.flashsale.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the directory that holds PostgreSQL's {@code initdb} and {@code pg_ctl}. */
final class PostgresBinaries {

  static final String ENVIRONMENT_VARIABLE = "FLASHSALE_PG_BIN";

  private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");

  private PostgresBinaries() {}

  /** The directory named by {@code FLASHSALE_PG_BIN}, else Debian's newest installed version. */
  static Path locate() {
    return locate(System.getenv(ENVIRONMENT_VARIABLE), DEBIAN_ROOT);
  }

  static Path locate(String override, Path debianRoot) {
    if (override != null && !override.isBlank()) {
      Path bin = Path.of(override);
      if (!holdsServerPrograms(bin)) {
        throw new IllegalStateException(
            ENVIRONMENT_VARIABLE + "=" + override + " holds no executable initdb and pg_ctl");
      }
      return bin;
    }
    return newestDebianVersion(debianRoot)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "No PostgreSQL server programs found in "
                        + debianRoot
                        + "/<version>/bin: install them with `apt-get install -y postgresql`,"
                        + " or set "
                        + ENVIRONMENT_VARIABLE
                        + " to a directory holding initdb and pg_ctl"));
  }

  private static Optional<Path> newestDebianVersion(Path debianRoot) {
    if (!Files.isDirectory(debianRoot)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(debianRoot)) {
      return versions
          .filter(version -> version.getFileName().toString().matches("\\d+(\\.\\d+)*"))
          .filter(version -> holdsServerPrograms(version.resolve("bin")))
          // Numerically, so that 16 beats 9.6.
          .max(
              Comparator.comparing(
                  version -> Runtime.Version.parse(version.getFileName().toString())))
          .map(version -> version.resolve("bin"));
    } catch (IOException e) {
      throw new IllegalStateException("Could not list " + debianRoot, e);
    }
  }

  private static boolean holdsServerPrograms(Path bin) {
    return Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"));
  }
}
