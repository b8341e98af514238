package io.flashsale.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashsale.events.DecisionReason;
import io.flashsale.events.DecisionStatus;
import io.flashsale.events.QuotaReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the alert rules of {@code deploy/observability/} against the metric
 * catalogue, {@code docs/metrics.md}: they query only metrics and labels it names, so a typo or a
 * renamed metric fails here instead of showing an empty panel or an alert that can never fire; and
 * the dashboard shows every metric of the jobs.
 */
class DashboardTest {

  private static final String DASHBOARD = "deploy/observability/grafana/dashboards/flashsale.json";
  private static final String DATASOURCES =
      "deploy/observability/grafana/provisioning/datasources/prometheus.yml";
  private static final String ALERTS = "deploy/observability/alerts.yml";

  /** Labels Flink's reporter puts on every metric (docs/metrics.md) or on the JobManager's. */
  private static final Set<String> FLINK_LABELS =
      Set.of("job_name", "job_id", "task_name", "operator_name", "subtask_index", "host", "tm_id");

  /** A metric name as Flink's reporter writes it. */
  private static final Pattern METRIC = Pattern.compile("\\bflink_[A-Za-z0-9_]+");

  /** A metric with its label matchers. */
  private static final Pattern SELECTOR = Pattern.compile("\\b(flink_[A-Za-z0-9_]+)\\{([^}]*)}");

  private static final Pattern MATCHER =
      Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"([^\"]*)\"\\s*");

  private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without|on)\\s*\\(([^)]*)\\)");

  private static final JsonNode DASHBOARD_JSON = json(DASHBOARD);
  private static final Map<String, CatalogueEntry> CATALOGUE = catalogue();

  @Test
  void shouldReadTheCatalogue() {
    // The parse itself, on names whose full form docs/metrics.md spells out.
    assertThat(CATALOGUE)
        .containsKeys(
            "flink_taskmanager_job_task_operator_flashsale_status_reason_decisions",
            "flink_taskmanager_job_task_operator_flashsale_channel_syncLagMs",
            "flink_jobmanager_job_numberOfFailedCheckpoints");
    assertThat(
            CATALOGUE.get("flink_taskmanager_job_task_operator_flashsale_outcome_holdAgeMs").type())
        .startsWith("histogram");
    assertThat(
            CATALOGUE
                .get("flink_taskmanager_job_task_operator_flashsale_channel_requests")
                .labels())
        .containsExactly("channel");
  }

  @Test
  void shouldQueryOnlyMetricsOfTheCatalogue() {
    Map<String, Set<String>> unknown = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> source : allExpressions().entrySet()) {
      for (String expr : source.getValue()) {
        for (String name : metricNames(expr)) {
          if (catalogued(name) == null) {
            unknown.computeIfAbsent(source.getKey(), key -> new TreeSet<>()).add(name);
          }
        }
      }
    }
    assertThat(unknown).as("metrics not in docs/metrics.md").isEmpty();
  }

  @Test
  void shouldUseOnlyTheLabelsAndValuesTheMetricsHave() {
    Set<String> allLabels = new HashSet<>(FLINK_LABELS);
    allLabels.add("quantile");
    CATALOGUE.values().forEach(entry -> allLabels.addAll(entry.labels()));
    Set<String> decisionReasons = names(DecisionReason.values());
    decisionReasons.add("NONE");
    Map<String, Set<String>> decisionValues =
        Map.of("status", names(DecisionStatus.values()), "reason", decisionReasons);
    Map<String, Set<String>> quotaValues = Map.of("reason", names(QuotaReason.values()));

    List<String> problems = new ArrayList<>();
    allExpressions()
        .forEach(
            (source, exprs) -> {
              for (String expr : exprs) {
                Matcher selector = SELECTOR.matcher(expr);
                while (selector.find()) {
                  CatalogueEntry entry = catalogued(selector.group(1));
                  if (entry == null) {
                    continue; // reported by shouldQueryOnlyMetricsOfTheCatalogue
                  }
                  Map<String, Set<String>> values =
                      entry.name().endsWith("_status_reason_decisions")
                          ? decisionValues
                          : entry.name().endsWith("_channel_reason_quotaChanges")
                              ? quotaValues
                              : Map.of();
                  for (String matcher : selector.group(2).split(",")) {
                    checkMatcher(source, entry, matcher, values, problems);
                  }
                }
                Matcher grouping = GROUPING.matcher(expr);
                while (grouping.find()) {
                  for (String label : grouping.group(1).split(",")) {
                    if (!label.isBlank() && !allLabels.contains(label.strip())) {
                      problems.add(source + ": no metric has the label " + label.strip());
                    }
                  }
                }
              }
            });
    assertThat(problems).isEmpty();
  }

  @Test
  void shouldShowEveryMetricOfTheJobs() {
    Set<String> shown = new HashSet<>();
    panelExpressions().values().forEach(exprs -> exprs.forEach(e -> shown.addAll(metricNames(e))));
    Set<String> shownBase =
        shown.stream()
            .map(DashboardTest::catalogued)
            .filter(entry -> entry != null)
            .map(CatalogueEntry::name)
            .collect(Collectors.toSet());
    // The jobs' own metrics, every section but Flink's.
    List<String> missing =
        CATALOGUE.keySet().stream()
            .filter(name -> name.contains("_flashsale_"))
            .filter(name -> !shownBase.contains(name))
            .toList();
    assertThat(missing).as("metrics of docs/metrics.md on no panel").isEmpty();
  }

  @Test
  void shouldFilterEveryPanelByTheJobChosen() {
    List<String> variables = new ArrayList<>();
    DASHBOARD_JSON
        .path("templating")
        .path("list")
        .forEach(variable -> variables.add(variable.path("name").asText()));
    assertThat(variables).contains("job_name");
    panelExpressions()
        .forEach(
            (panel, exprs) -> {
              for (String expr : exprs) {
                long filtered =
                    SELECTOR
                        .matcher(expr)
                        .results()
                        .filter(selector -> selector.group(2).contains("job_name=~\"$job_name\""))
                        .count();
                assertThat(filtered)
                    .as(panel + ": every metric filtered by job_name=~\"$job_name\": " + expr)
                    .isEqualTo(METRIC.matcher(expr).results().count());
              }
            });
  }

  @Test
  void shouldGiveEveryPanelAUniqueIdATitleAndTheProvisionedDatasource() {
    String uid = ProjectFiles.yaml(DATASOURCES).path("datasources").get(0).path("uid").asText();
    assertThat(uid).isNotBlank();
    assertThat(DASHBOARD_JSON.path("uid").asText()).isEqualTo("flashsale");
    assertThat(DASHBOARD_JSON.path("schemaVersion").asInt()).isBetween(36, 41);

    List<JsonNode> panels = panels();
    assertThat(panels).isNotEmpty();
    List<Integer> ids = panels.stream().map(panel -> panel.path("id").asInt(-1)).toList();
    assertThat(ids).doesNotHaveDuplicates().doesNotContain(-1);
    for (JsonNode panel : panels) {
      String title = panel.path("title").asText();
      assertThat(title).as("panel " + panel.path("id")).isNotBlank();
      if (panel.path("type").asText().equals("row")) {
        continue; // a row only groups the panels below it
      }
      assertThat(panel.path("datasource").path("uid").asText()).as(title).isEqualTo(uid);
      assertThat(panel.path("targets")).as(title).isNotEmpty();
      Set<String> refIds = new HashSet<>();
      for (JsonNode target : panel.path("targets")) {
        assertThat(target.path("datasource").path("uid").asText()).as(title).isEqualTo(uid);
        assertThat(target.path("expr").asText()).as(title).isNotBlank();
        assertThat(refIds.add(target.path("refId").asText())).as(title + ": refId").isTrue();
      }
    }
    for (JsonNode variable : DASHBOARD_JSON.path("templating").path("list")) {
      assertThat(variable.path("datasource").path("uid").asText()).isEqualTo(uid);
    }
  }

  @Test
  void shouldDescribeEveryPanelInTheReadme() {
    String readme = ProjectFiles.read("README.md");
    int start = readme.indexOf("### Dashboard");
    assertThat(start).as("README.md has a section 'Dashboard'").isNotNegative();
    int end = readme.indexOf("\n#", start + 1);
    String section = readme.substring(start, end < 0 ? readme.length() : end);
    for (JsonNode panel : panels()) {
      if (!panel.path("type").asText().equals("row")) {
        assertThat(section)
            .as("README, Dashboard")
            .contains("| " + panel.path("title").asText() + " |");
      }
    }
  }

  // ---- the catalogue ----------------------------------------------------------------------------

  /** A metric of docs/metrics.md by its full name, with its type and its own labels. */
  record CatalogueEntry(String name, String type, Set<String> labels) {}

  /**
   * docs/metrics.md as {@link MetricCatalog} reads it, with each metric's labels: those of a
   * "labels" column and those a section gives all its metrics ("Prefix `...`, label `channel`").
   */
  static Map<String, CatalogueEntry> catalogue() {
    Map<String, Set<String>> labels = new HashMap<>();
    String prefix = "";
    Set<String> sectionLabels = Set.of();
    int labelsColumn = -1;
    for (String line : ProjectFiles.read("docs/metrics.md").split("\n")) {
      Matcher prefixLine = Pattern.compile("^Prefix `([^`]+)`(.*)$").matcher(line);
      List<String> cells =
          line.startsWith("|")
              ? Arrays.stream(line.substring(1).split("\\|")).map(String::strip).toList()
              : List.of();
      if (line.startsWith("## ")) {
        prefix = "";
        sectionLabels = Set.of();
        labelsColumn = -1;
      } else if (prefixLine.find()) {
        prefix = prefixLine.group(1);
        sectionLabels = backticked(prefixLine.group(2));
      } else if (!cells.isEmpty() && cells.get(0).equals("metric")) {
        labelsColumn = cells.indexOf("labels");
      } else if (!cells.isEmpty() && cells.get(0).startsWith("`")) {
        Set<String> own = new TreeSet<>(sectionLabels);
        if (labelsColumn >= 0) {
          own.addAll(backticked(cells.get(labelsColumn)));
        }
        labels.put(prefix + cells.get(0).replace("`", ""), own);
      }
    }
    Map<String, CatalogueEntry> entries = new LinkedHashMap<>();
    for (MetricCatalog.Metric metric : MetricCatalog.read(ProjectFiles.ROOT)) {
      entries.put(
          metric.name(),
          new CatalogueEntry(
              metric.name(), metric.type(), labels.getOrDefault(metric.name(), Set.of())));
    }
    return entries;
  }

  private static Set<String> backticked(String text) {
    Set<String> names = new LinkedHashSet<>();
    Matcher name = Pattern.compile("`([A-Za-z_][A-Za-z0-9_]*)`").matcher(text);
    while (name.find()) {
      names.add(name.group(1));
    }
    return names;
  }

  /**
   * The catalogue entry a name in a query stands for: the metric itself, or the {@code _count} or
   * {@code _sum} of a histogram, which the reporter exports as a summary.
   */
  private static CatalogueEntry catalogued(String name) {
    CatalogueEntry entry = CATALOGUE.get(name);
    if (entry != null) {
      return entry;
    }
    Matcher summary = Pattern.compile("^(.+)_(?:count|sum)$").matcher(name);
    if (summary.matches()) {
      CatalogueEntry histogram = CATALOGUE.get(summary.group(1));
      if (histogram != null && histogram.type().startsWith("histogram")) {
        return histogram;
      }
    }
    return null;
  }

  private static void checkMatcher(
      String source,
      CatalogueEntry entry,
      String text,
      Map<String, Set<String>> values,
      List<String> problems) {
    if (text.isBlank()) {
      return;
    }
    Matcher matcher = MATCHER.matcher(text);
    if (!matcher.matches()) {
      problems.add(source + ": cannot read the matcher " + text + " of " + entry.name());
      return;
    }
    String label = matcher.group(1);
    boolean histogram = entry.type().startsWith("histogram") && label.equals("quantile");
    if (!FLINK_LABELS.contains(label) && !entry.labels().contains(label) && !histogram) {
      problems.add(source + ": " + entry.name() + " has no label " + label);
      return;
    }
    Set<String> known = values.get(label);
    if (known != null) {
      String value = matcher.group(3);
      List<String> alternatives =
          matcher.group(2).contains("~") ? List.of(value.split("\\|")) : List.of(value);
      for (String alternative : alternatives) {
        if (!known.contains(alternative)) {
          problems.add(source + ": " + label + " of " + entry.name() + " is never " + alternative);
        }
      }
    }
  }

  private static Set<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
  }

  // ---- the dashboard and the rules ------------------------------------------------------------

  /** Every panel, rows included, and those inside collapsed rows. */
  private static List<JsonNode> panels() {
    List<JsonNode> panels = new ArrayList<>();
    for (JsonNode panel : DASHBOARD_JSON.path("panels")) {
      panels.add(panel);
      panel.path("panels").forEach(panels::add);
    }
    return panels;
  }

  /** Each panel's queries, by its title. */
  private static Map<String, List<String>> panelExpressions() {
    Map<String, List<String>> exprs = new LinkedHashMap<>();
    for (JsonNode panel : panels()) {
      for (JsonNode target : panel.path("targets")) {
        exprs
            .computeIfAbsent("panel " + panel.path("title").asText(), key -> new ArrayList<>())
            .add(target.path("expr").asText());
      }
    }
    return exprs;
  }

  /** The dashboard's queries (panels and template variables) and the rules', by where they are. */
  private static Map<String, List<String>> allExpressions() {
    Map<String, List<String>> exprs = new LinkedHashMap<>(panelExpressions());
    for (JsonNode variable : DASHBOARD_JSON.path("templating").path("list")) {
      JsonNode query = variable.path("query");
      String text = query.isObject() ? query.path("query").asText() : query.asText();
      exprs.put("variable " + variable.path("name").asText(), List.of(text));
    }
    for (JsonNode group : ProjectFiles.yaml(ALERTS).path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        String name =
            rule.has("alert") ? rule.path("alert").asText() : rule.path("record").asText();
        exprs.put("rule " + name, List.of(rule.path("expr").asText()));
      }
    }
    return exprs;
  }

  private static Set<String> metricNames(String expr) {
    Set<String> names = new TreeSet<>();
    Matcher name = METRIC.matcher(expr);
    while (name.find()) {
      names.add(name.group());
    }
    return names;
  }

  private static JsonNode json(String relative) {
    try {
      return new ObjectMapper().readTree(ProjectFiles.path(relative).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
