package io.flashsale.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server, run from this machine's installed programs in a temporary directory.
 */
public final class EmbeddedPostgres implements AutoCloseable {

  private static final String HOST = "127.0.0.1";
  private static final String SUPERUSER = "postgres";
  // Trust authentication ignores it, but Flink's JDBC DDL insists on a password.
  private static final String PASSWORD = "postgres";

  private final PostgresCommands commands;
  private final Path directory;
  private final int port;

  private EmbeddedPostgres(PostgresCommands commands, Path directory, int port) {
    this.commands = commands;
    this.directory = directory;
    this.port = port;
  }

  /** Creates a fresh database cluster and starts a server on a free loopback port. */
  public static EmbeddedPostgres start() {
    Path bin = PostgresBinaries.locate();
    Path directory = createDirectory();
    try {
      PostgresCommands commands = PostgresCommands.in(directory, bin);
      commands.run(
          "initdb",
          "-D",
          dataDirectory(directory),
          "-U",
          SUPERUSER,
          "--auth=trust",
          "-E",
          "UTF8",
          // The C locale exists everywhere and sorts text the same on every machine.
          "--no-locale",
          "--no-sync");
      int port = freePort();
      startServer(commands, directory, port);
      return new EmbeddedPostgres(commands, directory, port);
    } catch (RuntimeException e) {
      deleteAfterFailure(directory, e);
      throw e;
    }
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + HOST + ":" + port + "/postgres";
  }

  public String username() {
    return SUPERUSER;
  }

  public String password() {
    return PASSWORD;
  }

  public int port() {
    return port;
  }

  /** Stops the server without a shutdown checkpoint and deletes all its files. */
  @Override
  public void close() {
    try {
      commands.run("pg_ctl", "-D", dataDirectory(directory), "-m", "immediate", "-w", "stop");
    } catch (RuntimeException e) {
      deleteAfterFailure(directory, e);
      throw e;
    }
    delete(directory);
  }

  private static void startServer(PostgresCommands commands, Path directory, int port) {
    Path log = directory.resolve("server.log");
    String options =
        String.format("-p %d -k '%s' -c listen_addresses=%s -c fsync=off", port, directory, HOST);
    try {
      // The log file keeps the server from inheriting, and holding open, pg_ctl's output pipe.
      commands.run(
          "pg_ctl",
          "-D",
          dataDirectory(directory),
          "-l",
          log.toString(),
          "-w",
          "start",
          "-o",
          options);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "PostgreSQL did not start on port " + port + "; server log:\n" + readLog(log), e);
    }
  }

  private static String dataDirectory(Path directory) {
    return directory.resolve("data").toString();
  }

  private static Path createDirectory() {
    try {
      return Files.createTempDirectory("flashsale-postgres-");
    } catch (IOException e) {
      throw new IllegalStateException("Could not create a directory for PostgreSQL", e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("Could not find a free port on " + HOST, e);
    }
  }

  private static String readLog(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  private static void deleteAfterFailure(Path directory, RuntimeException failure) {
    try {
      delete(directory);
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  private static void delete(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new IllegalStateException("Could not delete " + directory, e);
    }
  }
}
