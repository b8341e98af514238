package io.flashsale.embedded;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs PostgreSQL's programs on one server directory and returns their output.
 *
 * <p>initdb refuses to run as root, so when this JVM is root the directory is handed to the {@code
 * postgres} user and every program runs as that user.
 */
final class PostgresCommands {

  private static final String SYSTEM_USER = "postgres";

  private final Path bin;
  private final Path directory;
  private final boolean asSystemUser;

  private PostgresCommands(Path bin, Path directory, boolean asSystemUser) {
    this.bin = bin;
    this.directory = directory;
    this.asSystemUser = asSystemUser;
  }

  /**
   * Commands on {@code directory}; when running as root, that directory now belongs to postgres.
   */
  static PostgresCommands in(Path directory, Path bin) {
    if (!runningAsRoot()) {
      return new PostgresCommands(bin, directory, false);
    }
    try {
      Files.setOwner(directory, systemUser(directory));
      return new PostgresCommands(bin, directory, true);
    } catch (IOException e) {
      throw new IllegalStateException(
          "Running as root, but could not hand " + directory + " to the postgres user", e);
    }
  }

  /** Hands a file written by this JVM to the user the server runs as, if that is another user. */
  void own(Path file) {
    if (!asSystemUser) {
      return;
    }
    try {
      Files.setOwner(file, systemUser(file));
    } catch (IOException e) {
      throw new IllegalStateException("Could not hand " + file + " to the postgres user", e);
    }
  }

  /** Runs {@code program} from the bin directory; fails with its output unless it exits with 0. */
  String run(String program, String... arguments) {
    List<String> command = new ArrayList<>();
    if (asSystemUser) {
      command.addAll(List.of("runuser", "-u", SYSTEM_USER, "--"));
    }
    command.add(bin.resolve(program).toString());
    command.addAll(List.of(arguments));
    String commandLine = String.join(" ", command);
    try {
      // The server directory is a working directory the postgres user can always enter.
      Process process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), UTF_8);
      int exitCode = process.waitFor();
      if (exitCode != 0) {
        throw new IllegalStateException(
            String.format("`%s` exited with %d:%n%s", commandLine, exitCode, output));
      }
      return output;
    } catch (IOException e) {
      throw new IllegalStateException("Could not run `" + commandLine + "`", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running `" + commandLine + "`", e);
    }
  }

  private static UserPrincipal systemUser(Path onFileSystemOf) throws IOException {
    return onFileSystemOf
        .getFileSystem()
        .getUserPrincipalLookupService()
        .lookupPrincipalByName(SYSTEM_USER);
  }

  private static boolean runningAsRoot() {
    return "root".equals(System.getProperty("user.name")) || new UnixSystem().getUid() == 0;
  }
}
