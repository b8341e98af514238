package io.flashsale.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Flink standalone session cluster of separate JobManager and TaskManager processes, started,
 * grown and stopped by {@code cluster/bin/session-cluster} (the script is the one thing that knows
 * how to launch them), in its own run directory with free ports, and reached through its REST API.
 * A TaskManager is lost the hard way: SIGKILL to its process.
 */
public final class SessionCluster implements AutoCloseable {

  private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(3);

  /** A TaskManager process: its name in the script's run directory and REST API, and its pid. */
  public record TaskManager(String name, long pid) {}

  private final Path script;
  private final Path runDirectory;
  private final FlinkRest rest;
  private final Thread shutdownHook;

  private SessionCluster(Path script, Path runDirectory, int restPort) {
    this.script = script;
    this.runDirectory = runDirectory;
    this.rest = new FlinkRest(URI.create("http://127.0.0.1:" + restPort));
    // Processes that outlive a crashed test run would hold memory and ports.
    this.shutdownHook = new Thread(this::killAll, "stop session cluster " + runDirectory);
  }

  /**
   * Starts a JobManager and {@code taskManagers} TaskManagers with {@code flink-conf/} and these
   * settings on top, in a fresh run directory {@code name} under {@code flashsale.cluster.dir};
   * returns once the REST API lists every TaskManager.
   */
  public static SessionCluster start(String name, int taskManagers, Map<String, String> settings) {
    Path script = Path.of(System.getProperty("flashsale.cluster.script", "bin/session-cluster"));
    Path runDirectory =
        Path.of(System.getProperty("flashsale.cluster.dir", "target/test-clusters"))
            .resolve(name)
            .toAbsolutePath();
    deleteRecursively(runDirectory);
    int restPort = freePort();
    SessionCluster cluster = new SessionCluster(script, runDirectory, restPort);
    List<String> arguments = new ArrayList<>();
    arguments.addAll(
        List.of(
            "start",
            "--taskmanagers",
            String.valueOf(taskManagers),
            "--rest-port",
            String.valueOf(restPort),
            "--rpc-port",
            String.valueOf(freePort())));
    // Checkpoints and savepoints of this cluster's jobs stay in its run directory.
    Map<String, String> all = new LinkedHashMap<>();
    all.put("execution.checkpointing.dir", runDirectory.resolve("checkpoints").toUri().toString());
    all.put("execution.checkpointing.savepoint-dir", savepoints(runDirectory).toUri().toString());
    all.putAll(settings);
    all.forEach((key, value) -> arguments.addAll(List.of("-D", key + "=" + value)));
    Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
    try {
      cluster.script(arguments);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  public FlinkRest rest() {
    return rest;
  }

  public Path runDirectory() {
    return runDirectory;
  }

  /** Where savepoints go unless a request names another directory. */
  public Path savepointDirectory() {
    return savepoints(runDirectory);
  }

  private static Path savepoints(Path runDirectory) {
    return runDirectory.resolve("savepoints").toAbsolutePath();
  }

  /** Starts one more TaskManager and returns once it has registered with the JobManager. */
  public TaskManager startTaskManager() {
    String[] started = script(List.of("start-taskmanager")).strip().split("\\s+");
    return new TaskManager(started[0], Long.parseLong(started[1]));
  }

  /** The TaskManagers started and not stopped through the script, oldest first. */
  public List<TaskManager> taskManagers() {
    try (Stream<Path> files = Files.list(runDirectory.resolve("pids"))) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(file -> file.startsWith("taskmanager-") && file.endsWith(".pid"))
          .map(file -> file.substring(0, file.length() - ".pid".length()))
          .map(taskManager -> new TaskManager(taskManager, pid(taskManager)))
          .sorted(
              Comparator.comparingInt(
                  tm -> Integer.parseInt(tm.name().substring("taskmanager-".length()))))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Kills a TaskManager process with SIGKILL, as a crashed machine would lose it. */
  public void kill(TaskManager taskManager) {
    ProcessHandle process =
        ours(taskManager.pid())
            .orElseThrow(() -> new IllegalStateException(taskManager + " does not run"));
    process.destroyForcibly();
    process.onExit().orTimeout(30, TimeUnit.SECONDS).join();
    try {
      Files.delete(runDirectory.resolve("pids").resolve(taskManager.name() + ".pid"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops every process of the cluster through the script. */
  @Override
  public void close() {
    try {
      script(List.of("stop"));
    } finally {
      killAll();
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // Called from the hook itself.
      }
    }
  }

  private long pid(String process) {
    try {
      return Long.parseLong(
          Files.readString(runDirectory.resolve("pids").resolve(process + ".pid")).strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGKILL to every process whose pid file is left, for when the script could not stop them. */
  private void killAll() {
    Path pids = runDirectory.resolve("pids");
    if (!Files.isDirectory(pids)) {
      return;
    }
    try (Stream<Path> files = Files.list(pids)) {
      files
          .map(file -> file.getFileName().toString())
          .filter(file -> file.endsWith(".pid"))
          .map(file -> pid(file.substring(0, file.length() - ".pid".length())))
          .forEach(pid -> ours(pid).ifPresent(ProcessHandle::destroyForcibly));
    } catch (IOException | UncheckedIOException e) {
      // Best effort.
    }
  }

  /** The process with this pid if it is one of this cluster's (a pid may have been reused). */
  private Optional<ProcessHandle> ours(long pid) {
    String configDir = runDirectory.resolve("conf").toString();
    return ProcessHandle.of(pid)
        .filter(
            process -> process.info().commandLine().map(c -> c.contains(configDir)).orElse(false));
  }

  /** Runs the script with this cluster's run directory; returns what it printed. */
  private String script(List<String> arguments) {
    List<String> command = new ArrayList<>(List.of("bash", script.toString()));
    command.addAll(arguments);
    try {
      Files.createDirectories(runDirectory);
      Path output = Files.createTempFile(runDirectory, "session-cluster-", ".out");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      builder.environment().put("FLASHSALE_CLUSTER_DIR", runDirectory.toString());
      Process process = builder.start();
      if (!process.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " took too long");
      }
      String printed = Files.readString(output, StandardCharsets.UTF_8);
      Files.delete(output);
      System.out.print(printed);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command) + " failed (" + process.exitValue() + "): " + printed);
      }
      return printed;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
