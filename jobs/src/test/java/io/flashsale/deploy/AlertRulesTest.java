package io.flashsale.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus files of {@code deploy/observability/}, checked by Prometheus's own {@code
 * promtool}: the rules and the configuration load, and the unit tests of alerts-test.yml pass.
 * promtool comes with Debian's {@code prometheus} package, which {@code .ci/run} installs; without
 * it these tests fail rather than skip.
 */
class AlertRulesTest {

  private static final String ALERTS = "deploy/observability/alerts.yml";
  private static final String ALERTS_TEST = "deploy/observability/alerts-test.yml";
  private static final String PROMETHEUS_YML = "deploy/observability/prometheus.yml";

  @Test
  void shouldLoadTheAlertRules() throws Exception {
    promtool("check", "rules", ALERTS);
  }

  @Test
  void shouldLoadThePrometheusConfigurationWithItsRules() throws Exception {
    promtool("check", "config", PROMETHEUS_YML);
  }

  @Test
  void shouldPassTheUnitTestsOfTheAlertRules() throws Exception {
    promtool("test", "rules", ALERTS_TEST);
  }

  @Test
  void shouldTellTheOnCallWhatEachAlertMeansAndHowUrgentItIs() {
    Map<String, JsonNode> alerts = alerts();
    assertThat(alerts).isNotEmpty();
    alerts.forEach(
        (name, rule) -> {
          assertThat(rule.path("labels").path("severity").asText())
              .as(name)
              .isIn("page", "warning");
          assertThat(rule.path("annotations").path("summary").asText()).as(name).isNotBlank();
          // What it means and what to do: more than a restatement of the summary.
          assertThat(rule.path("annotations").path("description").asText().length())
              .as(name)
              .isGreaterThan(150);
        });
  }

  @Test
  void shouldTestEveryAlertFiringAndSilent() {
    Set<String> firing = new TreeSet<>();
    Set<String> silent = new TreeSet<>();
    for (JsonNode test : ProjectFiles.yaml(ALERTS_TEST).path("tests")) {
      for (JsonNode check : test.path("alert_rule_test")) {
        String name = check.path("alertname").asText();
        (check.path("exp_alerts").isEmpty() ? silent : firing).add(name);
      }
    }
    assertThat(firing).as("alerts seen firing").containsAll(alerts().keySet());
    assertThat(silent).as("alerts seen silent").containsAll(alerts().keySet());
  }

  @Test
  void shouldDescribeEveryAlertInTheReadme() {
    String readme = ProjectFiles.read("README.md");
    int start = readme.indexOf("### Alerts");
    assertThat(start).as("README.md has a section 'Alerts'").isNotNegative();
    int end = readme.indexOf("\n#", start + 1);
    String section = readme.substring(start, end < 0 ? readme.length() : end);
    for (String name : alerts().keySet()) {
      assertThat(section).as("README, Alerts").contains("| `" + name + "` |");
    }
  }

  private static Map<String, JsonNode> alerts() {
    Map<String, JsonNode> alerts = new LinkedHashMap<>();
    for (JsonNode group : ProjectFiles.yaml(ALERTS).path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        if (rule.has("alert")) {
          alerts.put(rule.path("alert").asText(), rule);
        }
      }
    }
    return alerts;
  }

  /** Runs promtool in the repository root and fails with its output unless it exits with 0. */
  private static void promtool(String... args) throws IOException, InterruptedException {
    Path promtool = onPath("promtool");
    List<String> command = new ArrayList<>();
    command.add(promtool.toString());
    command.addAll(List.of(args));
    Path output = Files.createTempFile("promtool", ".txt");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(ProjectFiles.ROOT.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        fail(String.join(" ", command) + " did not finish in 2 minutes");
      }
      String printed = Files.readString(output, StandardCharsets.UTF_8);
      assertThat(process.exitValue())
          .as("%s exited with %d:%n%s", String.join(" ", args), process.exitValue(), printed)
          .isZero();
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static Path onPath(String program) {
    for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(directory, program);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return fail(
        program
            + " is not on the PATH: it comes with Debian's prometheus package"
            + " (apt-get install --no-install-recommends prometheus), which .ci/run installs");
  }
}
