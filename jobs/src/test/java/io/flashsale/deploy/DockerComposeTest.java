package io.flashsale.deploy;

import static io.flashsale.deploy.ProjectFiles.IMAGE_CONFIG_FILE;
import static io.flashsale.deploy.ProjectFiles.flinkConfig;
import static io.flashsale.deploy.ProjectFiles.pomProperty;
import static io.flashsale.deploy.ProjectFiles.read;
import static io.flashsale.deploy.ProjectFiles.sqlOptionValues;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flashsale.config.KafkaOptions;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.flink.configuration.RestOptions;
import org.junit.jupiter.api.Test;

/**
 * {@code docker-compose.yml} and {@code deploy/compose/} against the project: the versions of the
 * pom, {@code flink-conf/config.yaml}, the jars the poms build, the jobs the README lists, the
 * addresses {@code sql/} is written for, and the Prometheus and Grafana of {@code
 * deploy/observability/} with the metrics reporter of config.yaml. There is no Docker here to start
 * the stack, so what can drift is read and compared.
 */
class DockerComposeTest {

  private static final JsonNode COMPOSE = ProjectFiles.yaml("docker-compose.yml");
  private static final List<String> FLINK_SERVICES =
      List.of("jobmanager", "taskmanager", "setup", "sql-client");
  private static final String SETUP_SCRIPT = "deploy/compose/setup.sh";
  private static final String OBSERVABILITY = "deploy/observability";
  private static final String PROMETHEUS_YML = OBSERVABILITY + "/prometheus.yml";
  private static final JsonNode PROMETHEUS = ProjectFiles.yaml(PROMETHEUS_YML);

  @Test
  void shouldPinTheImagesToTheVersionsOfThePom() {
    for (String service : FLINK_SERVICES) {
      assertThat(service(service).path("image").asText())
          .as(service)
          .isEqualTo("flink:" + pomProperty("flink.version") + "-java17");
    }
    assertThat(service("kafka").path("image").asText())
        .isEqualTo("apache/kafka:" + pomProperty("kafka.version"));
  }

  @Test
  void shouldMakeConfigYamlTheConfigurationOfEveryFlinkProcess() {
    String wrapper = "deploy/compose/flink-entrypoint.sh";
    for (String service : FLINK_SERVICES) {
      Mount config = bindOf(service, "./flink-conf/config.yaml");
      Mount scripts = bindOf(service, "./deploy/compose");
      assertThat(config.readOnly()).as(service + ": the repository's file stays as it is").isTrue();
      // The image's entrypoint rewrites its config file on start, so the wrapper copies ours in.
      assertThat(strings(service(service).path("entrypoint")))
          .as(service)
          .startsWith("bash", scripts.target() + "/flink-entrypoint.sh");
      assertThat(read(wrapper))
          .as(service)
          .contains("cp " + config.target() + " " + IMAGE_CONFIG_FILE + "\n")
          .contains("exec /docker-entrypoint.sh \"$@\"");
    }
  }

  @Test
  void shouldShareTheCheckpointAndSavepointDirectoriesOfConfigYamlOnOneVolume() {
    Map<String, String> config = flinkConfig();
    for (String key :
        List.of("execution.checkpointing.dir", "execution.checkpointing.savepoint-dir")) {
      URI uri = URI.create(config.get(key));
      assertThat(uri.getScheme()).as(key).isEqualTo("file");
      Mount jobManager = volumeHolding("jobmanager", uri.getPath());
      Mount taskManager = volumeHolding("taskmanager", uri.getPath());
      assertThat(taskManager.source()).as(key).isEqualTo(jobManager.source());
      assertThat(COMPOSE.path("volumes").has(jobManager.source())).as(key).isTrue();
      // setup hands the volume to the flink user before any job writes to it.
      assertThat(volumeHolding("setup", uri.getPath()).source()).isEqualTo(jobManager.source());
      assertThat(read(SETUP_SCRIPT)).contains(" " + uri.getPath());
    }
  }

  @Test
  void shouldPublishTheRestPortOfConfigYamlAndLetTaskManagersScale() {
    int restPort =
        Integer.parseInt(
            flinkConfig()
                .getOrDefault(RestOptions.PORT.key(), "" + RestOptions.PORT.defaultValue()));

    assertThat(containerPorts("jobmanager")).contains(restPort);
    assertThat(strings(service("jobmanager").path("healthcheck").path("test")))
        .anySatisfy(test -> assertThat(test).contains("localhost:" + restPort + "/"));
    assertThat(read(SETUP_SCRIPT)).contains("jobmanager=jobmanager:" + restPort + "\n");
    // --scale taskmanager=N needs no fixed name and no host port.
    assertThat(service("taskmanager").has("container_name")).isFalse();
    assertThat(service("taskmanager").has("ports")).isFalse();
  }

  @Test
  void shouldMountTheBuildOutputsUnderTheNamesThePomsGiveThem() {
    Mount jobs = bindOf("setup", "./" + ProjectFiles.jobsShadedJar());
    Mount cli = bindOf("setup", "./" + ProjectFiles.finalJar("cli"));
    Mount lib = bindOf("setup", "./" + ProjectFiles.cliLibDirectory());
    Mount udfs = bindOf("sql-client", "./" + ProjectFiles.finalJar("udfs"));

    for (Mount output : List.of(jobs, cli, lib, udfs)) {
      assertThat(output.readOnly()).as(output.source()).isTrue();
      assertThat(output.createHostPath()).as(output.source()).isFalse();
    }
    // The jar's manifest names its dependencies relative to itself.
    assertThat(lib.target())
        .isEqualTo(parent(cli.target()) + "/" + stripSlash(ProjectFiles.cliClasspathPrefix()));
    assertThat(scriptVariable("jobs_jar")).isEqualTo(jobs.target());
    assertThat(read(SETUP_SCRIPT)).contains("-jar " + cli.target() + " ");
  }

  @Test
  void shouldSubmitEveryJobTheReadmeListsUnderTheNameItRunsAs() throws Exception {
    Map<String, String> submitted = new LinkedHashMap<>();
    Matcher submit =
        Pattern.compile("(?m)^submit \"([^\"]+)\" -c (\\S+) \"\\$jobs_jar\"([^\\n]*)")
            .matcher(read(SETUP_SCRIPT).replace("\\\n", " "));
    while (submit.find()) {
      submitted.put(submit.group(2), submit.group(1));
      assertThat(submit.group(3)).contains("--kafka.bootstrap-servers \"$kafka\"");
    }

    assertThat(submitted.keySet())
        .containsExactlyInAnyOrderElementsOf(ProjectFiles.readmeJobClasses());
    for (Map.Entry<String, String> job : submitted.entrySet()) {
      Class<?> main = Class.forName(job.getKey());
      assertThat(Modifier.isStatic(main.getMethod("main", String[].class).getModifiers())).isTrue();
      // A job already running is recognised by its name: it must be the one the job runs as.
      assertThat(main.getField("NAME").get(null)).as(job.getKey()).isEqualTo(job.getValue());
    }
  }

  @Test
  void shouldSetUpOnceKafkaPostgresAndTheJobManagerAreHealthy() {
    JsonNode dependsOn = service("setup").path("depends_on");
    for (String dependency : List.of("kafka", "postgres", "jobmanager")) {
      assertThat(dependsOn.path(dependency).path("condition").asText())
          .as("setup waits for " + dependency)
          .isEqualTo("service_healthy");
      assertThat(strings(service(dependency).path("healthcheck").path("test")))
          .as(dependency)
          .isNotEmpty();
    }
    assertThat(strings(service("setup").path("command")))
        .endsWith(bindOf("setup", "./deploy/compose").target() + "/setup.sh");
  }

  @Test
  void shouldUseTheAddressesSqlIsWrittenFor() throws IOException {
    String bootstrap =
        single(sqlOptionValues("sql/kafka_tables.sql", "properties.bootstrap.servers"));
    String url = single(sqlOptionValues("sql/postgres_tables.sql", "url"));
    String username = single(sqlOptionValues("sql/postgres_tables.sql", "username"));
    String password = single(sqlOptionValues("sql/postgres_tables.sql", "password"));

    assertThat(scriptVariable("kafka")).isEqualTo(bootstrap);
    assertThat(kafkaProperties().getProperty("advertised.listeners")).contains("://" + bootstrap);
    assertThat(service(bootstrap.substring(0, bootstrap.indexOf(':'))).isObject()).isTrue();

    assertThat(scriptVariable("postgres_url")).isEqualTo(url);
    assertThat(read(SETUP_SCRIPT))
        .contains("flashsale migrate --url \"$postgres_url\"")
        .contains("--postgres.url \"$postgres_url\"");
    URI jdbc = URI.create(url.substring("jdbc:".length()));
    JsonNode postgres = service(jdbc.getHost());
    assertThat(postgres.path("image").asText()).startsWith("postgres:");
    assertThat(jdbc.getPort()).as("the port the postgres image listens on").isEqualTo(5432);
    JsonNode environment = postgres.path("environment");
    assertThat("/" + environment.path("POSTGRES_DB").asText()).isEqualTo(jdbc.getPath());
    assertThat(environment.path("POSTGRES_USER").asText()).isEqualTo(username);
    // The development password is the default; FLASHSALE_POSTGRES_PASSWORD may replace it.
    String passwordFromEnvironment = "${FLASHSALE_POSTGRES_PASSWORD:-" + password + "}";
    assertThat(environment.path("POSTGRES_PASSWORD").asText()).isEqualTo(passwordFromEnvironment);
    assertThat(service("setup").path("environment").path("FLASHSALE_POSTGRES_PASSWORD").asText())
        .isEqualTo(passwordFromEnvironment);
  }

  @Test
  void shouldGiveTheSqlClientSqlAndTheUdfsJarWhereFunctionsSqlLooksForThem() {
    JsonNode client = service("sql-client");
    String workingDir = client.path("working_dir").asText();
    String udfsJar =
        single(
            Pattern.compile("USING JAR '([^']+)'")
                .matcher(read("sql/functions.sql"))
                .results()
                .map(result -> result.group(1))
                .collect(Collectors.toSet()));

    assertThat(workingDir).startsWith("/");
    assertThat(bindOf("sql-client", "./" + udfsJar).target()).isEqualTo(workingDir + "/" + udfsJar);
    assertThat(bindOf("sql-client", "./sql").target()).isEqualTo(workingDir + "/sql");
    assertThat(strings(client.path("profiles"))).containsExactly("sql");
    assertThat(client.path("stdin_open").asBoolean()).isTrue();
    assertThat(client.path("tty").asBoolean()).isTrue();

    String script = read("deploy/compose/sql-client.sh");
    for (String file :
        List.of(
            "sql/functions.sql",
            "sql/kafka_tables.sql",
            "sql/postgres_tables.sql",
            "sql/views.sql")) {
      assertThat(ProjectFiles.path(file)).exists();
      assertThat(script).contains(" " + file);
    }
    Mount connectors = bindOf("sql-client", "./deploy/compose/sql-client-jars/target/jars");
    assertThat(script).contains("-l " + connectors.target() + " ");
    assertThat(strings(client.path("entrypoint")))
        .endsWith(bindOf("sql-client", "./deploy/compose").target() + "/sql-client.sh");
  }

  @Test
  void shouldFormatKafkaWithTransactionVersionOne() throws IOException {
    String command =
        String.join(" ", strings(service("kafka").path("command"))).replace("\\\n", " ");
    Mount properties = bindOf("kafka", "./deploy/compose/kafka.properties");

    // Formatted before the broker's first start, with the file the broker then starts with.
    assertThat(command)
        .containsPattern(
            "kafka-storage\\.sh format [^\\n]*--config "
                + Pattern.quote(properties.target())
                + " [^\\n]*--feature transaction\\.version=1\\s*\n"
                + "exec /opt/kafka/bin/kafka-server-start\\.sh "
                + Pattern.quote(properties.target())
                + "\n");

    Properties broker = kafkaProperties();
    // The exactly-once sinks' transactions must fit under the brokers' maximum.
    Duration maxTimeout =
        Duration.ofMillis(Long.parseLong(broker.getProperty("transaction.max.timeout.ms")));
    assertThat(maxTimeout)
        .isGreaterThanOrEqualTo(KafkaOptions.TRANSACTION_TIMEOUT.defaultValue())
        .isGreaterThanOrEqualTo(Duration.ofMinutes(15));
    assertThat(volumeHolding("kafka", broker.getProperty("log.dirs")).source())
        .isIn(fieldNames(COMPOSE.path("volumes")));
    // The host reaches the broker through a published port it advertises as localhost.
    Matcher host =
        Pattern.compile("://localhost:(\\d+)").matcher(broker.getProperty("advertised.listeners"));
    assertThat(host.find()).isTrue();
    assertThat(ports("kafka")).contains(host.group(1) + ":" + host.group(1));
  }

  @Test
  void shouldPinThePrometheusAndGrafanaImages() {
    assertThat(service("prometheus").path("image").asText())
        .matches("prom/prometheus:v\\d+\\.\\d+\\.\\d+");
    assertThat(service("grafana").path("image").asText())
        .matches("grafana/grafana:\\d+\\.\\d+\\.\\d+");
  }

  @Test
  void shouldMountTheObservabilityFilesOfTheRepositoryReadOnly() {
    for (String service : List.of("prometheus", "grafana")) {
      List<Mount> binds = mounts(service).stream().filter(m -> m.type().equals("bind")).toList();
      assertThat(binds).as(service).isNotEmpty();
      for (Mount bind : binds) {
        assertThat(bind.source()).as(service).startsWith("./" + OBSERVABILITY + "/");
        // A missing source would be created as an empty directory where the file should be.
        assertThat(ProjectFiles.path(bind.source()))
            .as(service + " mounts " + bind.source())
            .exists();
        assertThat(bind.readOnly()).as(service + ": " + bind.source()).isTrue();
      }
    }
  }

  @Test
  void shouldLoadTheAlertRulesBesidePrometheusYml() {
    Mount config = bindOf("prometheus", "./" + PROMETHEUS_YML);
    List<String> command = strings(service("prometheus").path("command"));
    assertThat(command).contains("--config.file=" + config.target());
    List<String> ruleFiles = strings(PROMETHEUS.path("rule_files"));
    assertThat(ruleFiles).isNotEmpty();
    for (String ruleFile : ruleFiles) {
      // Relative to the configuration file, in the repository as in the container.
      Mount rules = bindOf("prometheus", "./" + parent(PROMETHEUS_YML) + "/" + ruleFile);
      assertThat(rules.target()).isEqualTo(parent(config.target()) + "/" + ruleFile);
    }
    // The metrics of past sales outlive the container.
    String storage =
        command.stream()
            .filter(flag -> flag.startsWith("--storage.tsdb.path="))
            .map(flag -> flag.substring(flag.indexOf('=') + 1))
            .findFirst()
            .orElseThrow();
    assertThat(volumeHolding("prometheus", storage).source())
        .isIn(fieldNames(COMPOSE.path("volumes")));
  }

  @Test
  void shouldScrapeEveryFlinkProcessOnTheReporterPortOfConfigYaml() {
    int port = ProjectFiles.reporterPort();
    List<String> staticTargets = new ArrayList<>();
    List<JsonNode> dnsLookups = new ArrayList<>();
    PROMETHEUS
        .path("scrape_configs")
        .forEach(
            job -> {
              job.path("static_configs")
                  .forEach(config -> staticTargets.addAll(strings(config.path("targets"))));
              job.path("dns_sd_configs").forEach(dnsLookups::add);
            });

    assertThat(staticTargets).containsExactly("jobmanager:" + port);
    // --scale taskmanager=N: Docker's DNS answers the service's name with every container.
    assertThat(dnsLookups).hasSize(1);
    JsonNode taskManagers = dnsLookups.get(0);
    assertThat(strings(taskManagers.path("names"))).containsExactly("taskmanager");
    assertThat(taskManagers.path("type").asText()).isEqualTo("A");
    assertThat(taskManagers.path("port").asInt()).isEqualTo(port);
    assertThat(service("jobmanager").path("command").asText()).isEqualTo("jobmanager");
    assertThat(service("taskmanager").path("command").asText()).isEqualTo("taskmanager");
    assertThat(PROMETHEUS.path("global").path("scrape_interval").asText()).isEqualTo("5s");
  }

  @Test
  void shouldProvisionGrafanaWithThisPrometheusAndTheDashboards() {
    String provisioning = OBSERVABILITY + "/grafana/provisioning";
    Mount datasources = bindOf("grafana", "./" + provisioning + "/datasources");
    Mount providers = bindOf("grafana", "./" + provisioning + "/dashboards");
    Mount dashboards = bindOf("grafana", "./" + OBSERVABILITY + "/grafana/dashboards");
    // Where Grafana looks for provisioning files; its other folders there stay the image's.
    assertThat(datasources.target()).isEqualTo("/etc/grafana/provisioning/datasources");
    assertThat(providers.target()).isEqualTo("/etc/grafana/provisioning/dashboards");

    JsonNode datasource =
        ProjectFiles.yaml(provisioning + "/datasources/prometheus.yml").path("datasources").get(0);
    URI url = URI.create(datasource.path("url").asText());
    assertThat(datasource.path("type").asText()).isEqualTo("prometheus");
    assertThat(service(url.getHost()).path("image").asText()).startsWith("prom/prometheus:");
    assertThat(containerPorts(url.getHost())).contains(url.getPort());
    // $__rate_interval spans four scrapes when Grafana knows the scrape interval.
    assertThat(datasource.path("jsonData").path("timeInterval").asText())
        .isEqualTo(PROMETHEUS.path("global").path("scrape_interval").asText());

    JsonNode provider =
        ProjectFiles.yaml(provisioning + "/dashboards/dashboards.yml").path("providers").get(0);
    assertThat(provider.path("options").path("path").asText()).isEqualTo(dashboards.target());
    JsonNode environment = service("grafana").path("environment");
    String home = environment.path("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH").asText();
    assertThat(home).startsWith(dashboards.target() + "/");
    assertThat(
            ProjectFiles.path(dashboards.source() + home.substring(dashboards.target().length())))
        .exists();

    // Viewers need no account; the admin's password is a development default, replaceable.
    assertThat(environment.path("GF_AUTH_ANONYMOUS_ENABLED").asText()).isEqualTo("true");
    assertThat(environment.path("GF_AUTH_ANONYMOUS_ORG_ROLE").asText()).isEqualTo("Viewer");
    assertThat(environment.path("GF_SECURITY_ADMIN_PASSWORD").asText())
        .matches("\\$\\{GRAFANA_ADMIN_PASSWORD:-[^}]+}");
  }

  @Test
  void shouldPublishPrometheusAndGrafanaOnTheLoopbackInterfaceOnly() {
    assertThat(containerPorts("prometheus")).containsExactly(9090);
    assertThat(containerPorts("grafana")).containsExactly(3000);
    for (String service : List.of("prometheus", "grafana")) {
      assertThat(strings(service(service).path("ports")))
          .as(service)
          .allSatisfy(port -> assertThat(port).startsWith("127.0.0.1:"));
    }
  }

  private static JsonNode service(String name) {
    JsonNode service = COMPOSE.path("services").path(name);
    assertThat(service.isObject()).as("service " + name).isTrue();
    return service;
  }

  private static Properties kafkaProperties() throws IOException {
    Properties properties = new Properties();
    properties.load(new StringReader(read("deploy/compose/kafka.properties")));
    return properties;
  }

  /** A service's mount, short or long syntax. */
  record Mount(
      String type, String source, String target, boolean readOnly, boolean createHostPath) {

    static Mount of(JsonNode volume) {
      if (volume.isTextual()) {
        String[] parts = volume.asText().split(":");
        String type = parts[0].startsWith(".") || parts[0].startsWith("/") ? "bind" : "volume";
        return new Mount(
            type, parts[0], parts[1], parts.length > 2 && parts[2].contains("ro"), true);
      }
      return new Mount(
          volume.path("type").asText(),
          volume.path("source").asText(),
          volume.path("target").asText(),
          volume.path("read_only").asBoolean(false),
          volume.path("bind").path("create_host_path").asBoolean(true));
    }
  }

  private static List<Mount> mounts(String service) {
    List<Mount> mounts = new ArrayList<>();
    service(service).path("volumes").forEach(volume -> mounts.add(Mount.of(volume)));
    return mounts;
  }

  private static Mount bindOf(String service, String source) {
    Optional<Mount> mount =
        mounts(service).stream()
            .filter(m -> m.type().equals("bind") && m.source().equals(source))
            .findFirst();
    assertThat(mount).as(service + " mounts " + source).isPresent();
    return mount.get();
  }

  /** The named volume mounted at the path or at a folder above it. */
  private static Mount volumeHolding(String service, String path) {
    Optional<Mount> mount =
        mounts(service).stream()
            .filter(m -> m.type().equals("volume"))
            .filter(m -> Path.of(path).startsWith(Path.of(m.target())))
            .findFirst();
    assertThat(mount).as(service + " keeps " + path + " on a named volume").isPresent();
    return mount.get();
  }

  /** A service's published ports as host:container, without the host address. */
  private static List<String> ports(String service) {
    return strings(service(service).path("ports")).stream()
        .map(
            port ->
                port.chars().filter(c -> c == ':').count() == 2
                    ? port.substring(port.indexOf(':') + 1)
                    : port)
        .toList();
  }

  private static List<Integer> containerPorts(String service) {
    return ports(service).stream()
        .map(
            port -> Integer.parseInt(port.substring(port.lastIndexOf(':') + 1).replace("/tcp", "")))
        .toList();
  }

  private static List<String> strings(JsonNode node) {
    if (node.isTextual()) {
      return List.of(node.asText());
    }
    List<String> strings = new ArrayList<>();
    node.forEach(element -> strings.add(element.asText()));
    return strings;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String scriptVariable(String name) {
    Matcher assignment =
        Pattern.compile("(?m)^" + Pattern.quote(name) + "=(\\S+)$").matcher(read(SETUP_SCRIPT));
    assertThat(assignment.find()).as(SETUP_SCRIPT + " sets " + name).isTrue();
    return assignment.group(1);
  }

  private static String single(Collection<String> values) {
    assertThat(values).hasSize(1);
    return values.iterator().next();
  }

  private static String parent(String path) {
    return path.substring(0, path.lastIndexOf('/'));
  }

  private static String stripSlash(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
