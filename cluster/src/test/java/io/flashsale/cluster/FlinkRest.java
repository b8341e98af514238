package io.flashsale.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * A client of a Flink cluster's REST API (the one its web UI uses): upload a jar, run a job from
 * it, read job and task states, stop a job with a savepoint, cancel it.
 */
public final class FlinkRest {

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final URI base;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  public FlinkRest(URI base) {
    this.base = base;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  public URI address() {
    return base;
  }

  /** A job to run from an uploaded jar, as {@code POST /jars/:jarid/run} takes it. */
  public record JobRun(
      String entryClass, List<String> args, Integer parallelism, String savepointPath) {

    public static JobRun of(String entryClass, List<String> args) {
      return new JobRun(entryClass, args, null, null);
    }

    public JobRun withParallelism(int parallelism) {
      return new JobRun(entryClass, args, parallelism, savepointPath);
    }

    /** The same job, restored from a savepoint or retained checkpoint. */
    public JobRun fromSavepoint(String path) {
      return new JobRun(entryClass, args, parallelism, path);
    }
  }

  /**
   * One vertex of a running job: its name, parallelism and how many of its tasks are in which
   * state.
   */
  public record Vertex(String name, int parallelism, Map<String, Integer> tasks) {

    public boolean allRunning() {
      return tasks.getOrDefault("RUNNING", 0) == parallelism;
    }
  }

  /** A job's state and its vertices. */
  public record Job(String id, String name, String state, List<Vertex> vertices) {

    /** The job runs and so does every one of its tasks (a RUNNING job may wait for slots). */
    public boolean allTasksRunning() {
      return "RUNNING".equals(state)
          && !vertices.isEmpty()
          && vertices.stream().allMatch(Vertex::allRunning);
    }
  }

  /** {@code GET /overview}: the TaskManagers, slots and jobs. */
  public JsonNode overview() {
    return get("/overview");
  }

  /** Uploads a jar ({@code POST /jars/upload}); returns its id. */
  public String uploadJar(Path jar) {
    String boundary = "flashsale-" + UUID.randomUUID();
    String head =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
            + jar.getFileName()
            + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n";
    String tail = "\r\n--" + boundary + "--\r\n";
    try {
      HttpRequest request =
          HttpRequest.newBuilder(base.resolve("/jars/upload"))
              .timeout(REQUEST_TIMEOUT)
              .header("Content-Type", "multipart/form-data; boundary=" + boundary)
              .POST(
                  BodyPublishers.concat(
                      BodyPublishers.ofString(head, StandardCharsets.UTF_8),
                      BodyPublishers.ofFile(jar),
                      BodyPublishers.ofString(tail, StandardCharsets.UTF_8)))
              .build();
      String filename = send(request).get("filename").asText();
      return filename.substring(filename.lastIndexOf('/') + 1);
    } catch (IOException e) {
      throw new IllegalStateException("could not read " + jar, e);
    }
  }

  /** Runs a job's main in the JobManager ({@code POST /jars/:jarid/run}); returns the job id. */
  public String run(String jarId, JobRun job) {
    ObjectNode body = json.createObjectNode();
    body.put("entryClass", job.entryClass());
    ArrayNode args = body.putArray("programArgsList");
    job.args().forEach(args::add);
    if (job.parallelism() != null) {
      body.put("parallelism", job.parallelism());
    }
    if (job.savepointPath() != null) {
      body.put("savepointPath", job.savepointPath());
      body.put("allowNonRestoredState", false);
    }
    return post("/jars/" + jarId + "/run", body).get("jobid").asText();
  }

  /** {@code GET /jobs/:jobid}: the job's state and each vertex's task states. */
  public Job job(String jobId) {
    JsonNode node = get("/jobs/" + jobId);
    List<Vertex> vertices = new ArrayList<>();
    for (JsonNode vertex : node.path("vertices")) {
      vertices.add(
          new Vertex(
              vertex.get("name").asText(),
              vertex.get("parallelism").asInt(),
              json.convertValue(
                  vertex.get("tasks"),
                  json.getTypeFactory().constructMapType(Map.class, String.class, Integer.class))));
    }
    return new Job(jobId, node.get("name").asText(), node.get("state").asText(), vertices);
  }

  /** {@code GET /jobs/overview}: every job the cluster knows, by id, with its name and state. */
  public List<Job> jobs() {
    List<Job> jobs = new ArrayList<>();
    for (JsonNode job : get("/jobs/overview").path("jobs")) {
      jobs.add(
          new Job(
              job.get("jid").asText(),
              job.get("name").asText(),
              job.get("state").asText(),
              List.of()));
    }
    return jobs;
  }

  /** Waits until the job and all of its tasks run; returns the job as it was then. */
  public Job awaitAllTasksRunning(String jobId, Duration timeout) {
    return awaitJob(jobId, Job::allTasksRunning, "all tasks RUNNING", timeout);
  }

  public Job awaitJob(String jobId, Predicate<Job> condition, String what, Duration timeout) {
    return Awaitility.await("job " + jobId + ": " + what)
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> job(jobId), condition);
  }

  /**
   * Stops a job with a savepoint in {@code directory} ({@code POST /jobs/:jobid/stop}, without
   * draining: event time stays where it was) and waits for it; returns the savepoint's path.
   */
  public String stopWithSavepoint(String jobId, Path directory, Duration timeout) {
    ObjectNode body = json.createObjectNode();
    body.put("targetDirectory", directory.toUri().toString());
    body.put("drain", false);
    String trigger = post("/jobs/" + jobId + "/stop", body).get("request-id").asText();
    JsonNode result =
        Awaitility.await("savepoint of job " + jobId)
            .atMost(timeout)
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> get("/jobs/" + jobId + "/savepoints/" + trigger),
                r -> "COMPLETED".equals(r.path("status").path("id").asText()));
    JsonNode operation = result.path("operation");
    if (operation.has("failure-cause")) {
      throw new IllegalStateException(
          "stop-with-savepoint of " + jobId + " failed: " + operation.get("failure-cause"));
    }
    return operation.get("location").asText();
  }

  /**
   * {@code GET /jobs/:jobid/exceptions}: the first line (exception and message) of each failure
   * that restarted or failed the job; empty while it never failed.
   */
  public List<String> failures(String jobId) {
    List<String> failures = new ArrayList<>();
    for (JsonNode failure :
        get("/jobs/" + jobId + "/exceptions").path("exceptionHistory").path("entries")) {
      failures.add(failure.path("stacktrace").asText().lines().findFirst().orElse(""));
    }
    return failures;
  }

  /**
   * A completed checkpoint: where it is, and when its last task acknowledged it (wall clock, epoch
   * milliseconds).
   */
  public record Checkpoint(String path, long ackedAtMillis) {}

  /**
   * {@code GET /jobs/:jobid/checkpoints}: the job's latest completed checkpoint, empty before the
   * first. Also once the job was cancelled: the configuration retains checkpoints on cancellation,
   * to restart from.
   */
  public Optional<Checkpoint> latestCheckpoint(String jobId) {
    JsonNode completed = get("/jobs/" + jobId + "/checkpoints").path("latest").path("completed");
    if (!completed.hasNonNull("external_path")) {
      return Optional.empty();
    }
    return Optional.of(
        new Checkpoint(
            completed.get("external_path").asText(),
            completed.path("latest_ack_timestamp").asLong()));
  }

  /** Cancels a job ({@code PATCH /jobs/:jobid?mode=cancel}). */
  public void cancel(String jobId) {
    send(
        HttpRequest.newBuilder(base.resolve("/jobs/" + jobId + "?mode=cancel"))
            .timeout(REQUEST_TIMEOUT)
            .method("PATCH", BodyPublishers.noBody())
            .build());
  }

  private JsonNode get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT).GET().build());
  }

  private JsonNode post(String path, JsonNode body) {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
            .build());
  }

  private JsonNode send(HttpRequest request) {
    try {
      HttpResponse<String> response =
          http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            request.method()
                + " "
                + request.uri()
                + " answered "
                + response.statusCode()
                + ": "
                + response.body());
      }
      return response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(request.method() + " " + request.uri() + " interrupted", e);
    }
  }
}
