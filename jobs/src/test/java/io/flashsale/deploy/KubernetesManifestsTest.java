package io.flashsale.deploy;

import static io.flashsale.deploy.ProjectFiles.flinkConfig;
import static io.flashsale.deploy.ProjectFiles.pomProperty;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flashsale.config.PostgresOptions;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The FlinkDeployments of {@code deploy/kubernetes/} against the project: the jobs the README
 * lists, {@code flink-conf/config.yaml} where they mirror it, the image the Dockerfile builds from
 * the jar the poms build, and secrets kept out of the manifests.
 */
class KubernetesManifestsTest {

  private static final String DIRECTORY = "deploy/kubernetes";

  /** What a cluster sets apart from config.yaml, each checked on its own below. */
  private static final Set<String> DIFFERENT_ON_A_CLUSTER =
      Set.of(
          "state.backend.type",
          "execution.checkpointing.dir",
          "execution.checkpointing.savepoint-dir");

  @Test
  void shouldDeployEveryJobTheReadmeListsWithTheOperatorsApi() throws Exception {
    Set<String> entryClasses = new TreeSet<>();
    for (JsonNode deployment : deployments().values()) {
      assertThat(deployment.path("apiVersion").asText()).isEqualTo("flink.apache.org/v1beta1");
      assertThat(deployment.path("kind").asText()).isEqualTo("FlinkDeployment");
      entryClasses.add(job(deployment).path("entryClass").asText());
    }

    assertThat(entryClasses).isEqualTo(ProjectFiles.readmeJobClasses());
    for (String entryClass : entryClasses) {
      assertThat(
              Modifier.isStatic(
                  Class.forName(entryClass).getMethod("main", String[].class).getModifiers()))
          .isTrue();
    }
  }

  @Test
  void shouldMirrorConfigYaml() {
    Map<String, String> config = flinkConfig();
    deployments()
        .forEach(
            (file, deployment) -> {
              Map<String, String> flink = flinkConfiguration(deployment);
              assertThat(flink).as(file).containsKeys(config.keySet().toArray(String[]::new));
              config.forEach(
                  (key, value) -> {
                    if (!DIFFERENT_ON_A_CLUSTER.contains(key)) {
                      assertThat(flink.get(key)).as(file + ": " + key).isEqualTo(value);
                    }
                  });
            });
  }

  @Test
  void shouldKeepStateWhereItSurvivesThePods() {
    String localBackend = flinkConfig().get("state.backend.type");
    deployments()
        .forEach(
            (file, deployment) -> {
              Map<String, String> flink = flinkConfiguration(deployment);
              // RocksDB for state larger than memory, and then incremental checkpoints.
              assertThat(flink.get("state.backend.type")).as(file).isIn(localBackend, "rocksdb");
              if (flink.get("state.backend.type").equals("rocksdb")) {
                assertThat(flink.get("execution.checkpointing.incremental")).isEqualTo("true");
              }
              for (String key :
                  List.of(
                      "execution.checkpointing.dir",
                      "execution.checkpointing.savepoint-dir",
                      "high-availability.storageDir")) {
                assertThat(flink.get(key)).as(file + ": " + key).matches("(s3|gs|abfss|hdfs)://.+");
              }
              assertThat(flink.get("high-availability.type")).as(file).isEqualTo("kubernetes");
              JsonNode job = job(deployment);
              assertThat(job.path("upgradeMode").asText()).as(file).isEqualTo("savepoint");
              // Without a setting Flink picks at least 128 key groups.
              int maxParallelism =
                  Integer.parseInt(flink.getOrDefault("pipeline.max-parallelism", "128"));
              assertThat(job.path("parallelism").asInt()).as(file).isBetween(1, maxParallelism);
            });
  }

  @Test
  void shouldRunTheJarTheDockerfileCopiesIntoTheImage() {
    String dockerfile = ProjectFiles.read(DIRECTORY + "/Dockerfile").replace("\\\n", " ");
    String flinkVersion = pomProperty("flink.version");
    Matcher copy =
        Pattern.compile("(?m)^COPY (?:--\\S+ )*(\\S+)\\s+(\\S+)\\s*$").matcher(dockerfile);

    assertThat(dockerfile)
        .containsPattern("(?m)^FROM flink:" + Pattern.quote(flinkVersion) + "-java17$");
    assertThat(copy.find()).isTrue();
    assertThat(copy.group(1)).isEqualTo(ProjectFiles.jobsShadedJar());
    String[] majorMinor = flinkVersion.split("\\.");
    deployments()
        .forEach(
            (file, deployment) -> {
              JsonNode spec = deployment.path("spec");
              assertThat(job(deployment).path("jarURI").asText())
                  .as(file)
                  .isEqualTo("local://" + copy.group(2));
              assertThat(spec.path("flinkVersion").asText())
                  .as(file)
                  .isEqualTo("v" + majorMinor[0] + "_" + majorMinor[1]);
              assertThat(spec.path("image").asText())
                  .as(file)
                  .endsWith(":" + ProjectFiles.projectVersion());
            });
  }

  @Test
  void shouldLetPrometheusScrapeEveryPodOnTheReporterPort() {
    int port = ProjectFiles.reporterPort();
    deployments()
        .forEach(
            (file, deployment) -> {
              JsonNode template = deployment.path("spec").path("podTemplate");
              JsonNode annotations = template.path("metadata").path("annotations");
              assertThat(annotations.path("prometheus.io/scrape").asText())
                  .as(file)
                  .isEqualTo("true");
              assertThat(annotations.path("prometheus.io/port").asText())
                  .as(file)
                  .isEqualTo(String.valueOf(port));
              // The port a PodMonitor names.
              List<Integer> metricsPorts = new ArrayList<>();
              template
                  .path("spec")
                  .path("containers")
                  .forEach(
                      container ->
                          container
                              .path("ports")
                              .forEach(
                                  containerPort -> {
                                    if (containerPort.path("name").asText().equals("metrics")) {
                                      metricsPorts.add(containerPort.path("containerPort").asInt());
                                    }
                                  }));
              assertThat(metricsPorts).as(file).containsExactly(port);
            });
  }

  @Test
  void shouldTakeSecretsFromTheSecretAndNoneFromTheManifest() {
    deployments()
        .forEach(
            (file, deployment) -> {
              Map<String, String> args = args(deployment);
              Map<String, JsonNode> env = containerEnv(deployment);
              assertThat(args).as(file).containsKey("--kafka.bootstrap-servers");
              assertThat(args.keySet())
                  .as(file + ": no password on the command line")
                  .noneMatch(key -> key.contains("password"));

              // The Kafka clients resolve ${env:NAME} themselves, from the pods' environment.
              Matcher jaas =
                  Pattern.compile("\\$\\{env:(\\w+)}")
                      .matcher(args.getOrDefault("--kafka.properties.sasl.jaas.config", ""));
              assertThat(jaas.matches()).as(file).isTrue();
              assertThat(args.get("--kafka.properties.config.providers.env.class"))
                  .isEqualTo("org.apache.kafka.common.config.provider.EnvVarConfigProvider");
              assertThat(env).as(file).containsKey(jaas.group(1));
              env.values()
                  .forEach(
                      variable ->
                          assertThat(variable.path("valueFrom").has("secretKeyRef"))
                              .as(file + ": " + variable)
                              .isTrue());

              if (args.containsKey("--postgres.url")) {
                assertThat(env).as(file).containsKey(PostgresOptions.PASSWORD_ENVIRONMENT_VARIABLE);
              }
            });
  }

  private static Map<String, JsonNode> deployments() {
    Map<String, JsonNode> deployments = new HashMap<>();
    try (Stream<Path> files = Files.list(ProjectFiles.path(DIRECTORY))) {
      files
          .filter(file -> file.toString().endsWith(".yaml"))
          .forEach(
              file ->
                  deployments.put(
                      file.getFileName().toString(),
                      ProjectFiles.yaml(DIRECTORY + "/" + file.getFileName())));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    assertThat(deployments).isNotEmpty();
    return deployments;
  }

  private static JsonNode job(JsonNode deployment) {
    return deployment.path("spec").path("job");
  }

  private static Map<String, String> flinkConfiguration(JsonNode deployment) {
    Map<String, String> config = new HashMap<>();
    deployment
        .path("spec")
        .path("flinkConfiguration")
        .fields()
        .forEachRemaining(field -> config.put(field.getKey(), field.getValue().asText()));
    return config;
  }

  /** The job's arguments as --key value pairs. */
  private static Map<String, String> args(JsonNode deployment) {
    List<String> args = new ArrayList<>();
    job(deployment).path("args").forEach(arg -> args.add(arg.asText()));
    assertThat(args.size() % 2).as("--key value pairs").isZero();
    Map<String, String> pairs = new HashMap<>();
    for (int i = 0; i < args.size(); i += 2) {
      assertThat(args.get(i)).startsWith("--");
      pairs.put(args.get(i), args.get(i + 1));
    }
    return pairs;
  }

  /** The environment of the Flink container of every JobManager and TaskManager pod. */
  private static Map<String, JsonNode> containerEnv(JsonNode deployment) {
    Map<String, JsonNode> env = new HashMap<>();
    deployment
        .path("spec")
        .path("podTemplate")
        .path("spec")
        .path("containers")
        .forEach(
            container -> {
              if (container.path("name").asText().equals("flink-main-container")) {
                container
                    .path("env")
                    .forEach(variable -> env.put(variable.path("name").asText(), variable));
              }
            });
    return env;
  }
}
