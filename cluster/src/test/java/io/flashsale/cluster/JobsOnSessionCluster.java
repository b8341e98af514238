package io.flashsale.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashsale.testing.JobsOnKafka;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The jobs jar uploaded to a {@link SessionCluster}, on a real Kafka broker and a real PostgreSQL
 * in this JVM: the cluster's processes reach them over loopback. One for all the test classes that
 * take it as a parameter (see {@link Extension}); each test uses its own topic prefix and schema,
 * and cancels its jobs.
 */
final class JobsOnSessionCluster implements ExtensionContext.Store.CloseableResource {

  /**
   * Gives a test the one {@link JobsOnSessionCluster}, started first time and closed at the end.
   */
  static final class Extension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == JobsOnSessionCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return context
          .getRoot()
          .getStore(ExtensionContext.Namespace.GLOBAL)
          .getOrComputeIfAbsent(
              JobsOnSessionCluster.class,
              type -> JobsOnSessionCluster.start("jobs"),
              JobsOnSessionCluster.class);
    }
  }

  /**
   * On top of {@code flink-conf/config.yaml}: a lost TaskManager is noticed after two failed
   * heartbeats two seconds apart (it refuses connections once dead), not after the 50 s timeout;
   * and the REST API answers with job and checkpoint states at most 200 ms old, not 3 s, so that
   * the tests time recoveries on what is, not on a cached view.
   */
  static final Map<String, String> SETTINGS =
      Map.of(
          "heartbeat.interval", "2s", "heartbeat.timeout", "20s", "web.refresh-interval", "200ms");

  private final JobsOnKafka servers;
  private final SessionCluster cluster;
  private final String jarId;

  private JobsOnSessionCluster(JobsOnKafka servers, SessionCluster cluster, String jarId) {
    this.servers = servers;
    this.cluster = cluster;
    this.jarId = jarId;
  }

  /** Starts the servers and a cluster of one TaskManager, and uploads the jobs jar to it. */
  static JobsOnSessionCluster start(String name) {
    Path jar = jobsJar();
    // The cluster needs the servers only once jobs run: both start at once.
    CompletableFuture<SessionCluster> starting =
        CompletableFuture.supplyAsync(() -> SessionCluster.start(name, 1, SETTINGS));
    JobsOnKafka servers;
    try {
      servers = JobsOnKafka.withPostgres();
    } catch (RuntimeException e) {
      starting.thenAccept(SessionCluster::close);
      throw e;
    }
    try {
      SessionCluster cluster = starting.join();
      try {
        return new JobsOnSessionCluster(servers, cluster, cluster.rest().uploadJar(jar));
      } catch (RuntimeException e) {
        cluster.close();
        throw e;
      }
    } catch (RuntimeException e) {
      servers.close();
      throw e;
    }
  }

  /**
   * The shaded jobs jar, built by the jobs module's package phase: before this module's tests in a
   * reactor build, but not by {@code mvn -pl cluster -am test}. A jar older than the classes it is
   * built from would test old code, so it is refused.
   */
  private static Path jobsJar() {
    String rebuild = "mvn -B -pl jobs -am package -DskipTests builds it";
    Path jar = Path.of(System.getProperty("flashsale.jobs.jar", "missing"));
    assertThat(Files.isRegularFile(jar)).as("the shaded jobs jar %s (%s)", jar, rebuild).isTrue();
    try {
      FileTime built = Files.getLastModifiedTime(jar);
      for (String sources : System.getProperty("flashsale.jobs.jar.sources", "").split(",")) {
        Path classes = Path.of(sources.strip());
        if (!sources.isBlank() && Files.isDirectory(classes)) {
          try (Stream<Path> files = Files.walk(classes)) {
            Optional<Path> newer =
                files
                    .filter(Files::isRegularFile)
                    .filter(file -> modified(file).compareTo(built) > 0)
                    .findAny();
            assertThat(newer).as("classes newer than %s (%s again)", jar, rebuild).isEmpty();
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return jar;
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JobsOnKafka servers() {
    return servers;
  }

  SessionCluster cluster() {
    return cluster;
  }

  FlinkRest rest() {
    return cluster.rest();
  }

  /** Runs a job of the jobs jar; returns its id once it and all of its tasks run. */
  String run(FlinkRest.JobRun job) {
    return runAll(job).get(0);
  }

  /** Runs jobs of the jobs jar; returns their ids once they and all of their tasks run. */
  List<String> runAll(FlinkRest.JobRun... jobs) {
    List<String> ids = new ArrayList<>();
    for (FlinkRest.JobRun job : jobs) {
      ids.add(rest().run(jarId, job));
    }
    ids.forEach(id -> rest().awaitAllTasksRunning(id, Duration.ofMinutes(2)));
    return ids;
  }

  /** Cancels every job still running, so that the next test has the cluster to itself. */
  void cancelAll() {
    for (FlinkRest.Job job : rest().jobs()) {
      if (!job.state().equals("FINISHED")
          && !job.state().equals("CANCELED")
          && !job.state().equals("FAILED")) {
        rest().cancel(job.id());
        rest()
            .awaitJob(
                job.id(), j -> j.state().equals("CANCELED"), "cancelled", Duration.ofMinutes(1));
      }
    }
  }

  /**
   * A resource of the test class path (the jobs' test resources among them) as a file in the
   * cluster's run directory, for options that name a file the job's main reads.
   */
  String resourceFile(String name) {
    Path file = cluster.runDirectory().resolve(name);
    try (InputStream resource =
        JobsOnSessionCluster.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(resource).as(name).isNotNull();
      Files.copy(resource, file, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file.toString();
  }

  /**
   * The command line of a job on a prefix's topics and schema: {@code --key value} for each job
   * option pointing at the servers, then {@code extra}.
   */
  List<String> args(String prefix, String... extra) {
    List<String> args = new ArrayList<>();
    servers
        .jobOptions(prefix)
        .toMap()
        .forEach((key, value) -> args.addAll(List.of("--" + key, value)));
    args.addAll(List.of(extra));
    return args;
  }

  @Override
  public void close() {
    try {
      cluster.close();
    } finally {
      servers.close();
    }
  }
}
