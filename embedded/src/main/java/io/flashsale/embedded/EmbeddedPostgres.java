package io.flashsale.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server, run from this machine's installed programs in a temporary directory. It
 * can be stopped the hard way and started again on the same port with its data, as a database
 * outage looks to its clients.
 */
public final class EmbeddedPostgres implements AutoCloseable {

  private static final String HOST = "127.0.0.1";
  private static final String SUPERUSER = "postgres";

  private final PostgresCommands commands;
  private final Path directory;
  private final int port;
  private final PostgresSecurity security;
  private final PostgresTls tls;
  private boolean running = true;

  private EmbeddedPostgres(
      PostgresCommands commands,
      Path directory,
      int port,
      PostgresSecurity security,
      PostgresTls tls) {
    this.commands = commands;
    this.directory = directory;
    this.port = port;
    this.security = security;
    this.tls = tls;
  }

  /** Creates a fresh database cluster and starts a server on a free loopback port, trusted. */
  public static EmbeddedPostgres start() {
    return start(PostgresSecurity.trust());
  }

  /** Creates a fresh database cluster and starts a server on a free loopback port. */
  public static EmbeddedPostgres start(PostgresSecurity security) {
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
      PostgresTls tls =
          security.tls()
              ? PostgresTls.configure(commands, directory, Path.of(dataDirectory(directory)))
              : null;
      EmbeddedPostgres postgres =
          new EmbeddedPostgres(commands, directory, freePort(), security, tls);
      postgres.startServer();
      if (tls != null) {
        try {
          postgres.createLoginRole();
        } catch (RuntimeException e) {
          postgres.stop();
          throw e;
        }
      }
      return postgres;
    } catch (RuntimeException e) {
      deleteAfterFailure(directory, e);
      throw e;
    }
  }

  /**
   * How clients connect: under TLS, verifying the server's certificate and name ({@code
   * sslmode=verify-full}) against {@link #rootCertificate()}.
   */
  public String jdbcUrl() {
    String url = "jdbc:postgresql://" + HOST + ":" + port + "/" + security.database();
    return tls == null
        ? url
        : url + "?sslmode=verify-full&sslrootcert=" + tls.certificate().toAbsolutePath();
  }

  public String username() {
    return security.role();
  }

  public String password() {
    return security.password();
  }

  public int port() {
    return port;
  }

  /** The database {@link #jdbcUrl()} names. */
  public String database() {
    return security.database();
  }

  /** Under TLS, the server's self-signed certificate: the one file clients need to trust it. */
  public Path rootCertificate() {
    if (tls == null) {
      throw new IllegalStateException("this server runs without TLS");
    }
    return tls.certificate();
  }

  /**
   * Stops the server at once, as a crash would (no shutdown checkpoint, clients cut off); its data
   * and port stay for {@link #startAgain()}.
   */
  public void stop() {
    commands.run("pg_ctl", "-D", dataDirectory(directory), "-m", "immediate", "-w", "stop");
    running = false;
  }

  /** Starts the stopped server again on its port; returns once it accepts connections. */
  public void startAgain() {
    if (running) {
      throw new IllegalStateException("PostgreSQL on port " + port + " is running");
    }
    startServer();
  }

  /** Stops the server without a shutdown checkpoint and deletes all its files. */
  @Override
  public void close() {
    try {
      if (running) {
        stop();
      }
    } catch (RuntimeException e) {
      deleteAfterFailure(directory, e);
      throw e;
    }
    delete(directory);
  }

  private void startServer() {
    Path log = directory.resolve("server.log");
    String options =
        String.format("-p %d -k '%s' -c listen_addresses=%s -c fsync=off", port, directory, HOST)
            + (tls == null ? "" : " " + tls.serverOptions());
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
      running = true;
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "PostgreSQL did not start on port " + port + "; server log:\n" + readLog(log), e);
    }
  }

  /**
   * The login role and its database, made by the superuser over the socket. The statements go
   * through a file, so that the password is on no command line.
   */
  private void createLoginRole() {
    String role = security.role();
    Path script = directory.resolve("create-role.sql");
    try {
      Files.writeString(
          script,
          String.format(
              "CREATE ROLE %s LOGIN PASSWORD '%s';%nCREATE DATABASE %s OWNER %s;%n",
              role, security.password().replace("'", "''"), role, role));
      try {
        commands.run(
            "psql",
            "-X",
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-h",
            directory.toString(),
            "-p",
            String.valueOf(port),
            "-U",
            SUPERUSER,
            "-d",
            "postgres",
            "-f",
            script.toString());
      } finally {
        Files.delete(script);
      }
    } catch (IOException e) {
      throw new IllegalStateException("Could not create the role " + role, e);
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
