package io.flashsale.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;

/**
 * What the deployment files are checked against, read from the project itself: the poms, {@code
 * flink-conf/config.yaml}, {@code sql/} and the README. Tests run in the module directory.
 */
final class ProjectFiles {

  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /** Where the official Flink image keeps its configuration file (Flink 2.x: config.yaml). */
  static final String IMAGE_CONFIG_FILE = "/opt/flink/conf/config.yaml";

  private static final YAMLMapper YAML = new YAMLMapper();

  private ProjectFiles() {}

  static Path path(String relative) {
    return ROOT.resolve(relative);
  }

  static String read(String relative) {
    try {
      return Files.readString(path(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode yaml(String relative) {
    try {
      return YAML.readTree(path(relative).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A property of the root pom, e.g. {@code flink.version}. */
  static String pomProperty(String name) {
    return xpath("pom.xml", "/project/properties/" + name);
  }

  /** The version every module inherits from the root pom. */
  static String projectVersion() {
    return xpath("pom.xml", "/project/version");
  }

  /** The shaded jar of the jobs module: artifactId-version-classifier.jar in its target dir. */
  static String jobsShadedJar() {
    return "jobs/target/"
        + xpath("jobs/pom.xml", "/project/artifactId")
        + "-"
        + projectVersion()
        + "-"
        + xpath("jobs/pom.xml", "//plugin[artifactId='maven-shade-plugin']//shadedClassifierName")
        + ".jar";
  }

  /** The jar of a module that sets its own finalName, e.g. {@code cli/target/flashsale.jar}. */
  static String finalJar(String module) {
    return module + "/target/" + xpath(module + "/pom.xml", "/project/build/finalName") + ".jar";
  }

  /** Where the cli module copies its runtime dependencies, next to its jar. */
  static String cliLibDirectory() {
    String output =
        xpath(
            "cli/pom.xml",
            "//plugin[artifactId='maven-dependency-plugin']//execution[goals/goal="
                + "'copy-dependencies']/configuration/outputDirectory");
    return output.replace("${project.build.directory}", "cli/target");
  }

  /** The folder the cli jar's manifest class path points into, e.g. {@code lib/}. */
  static String cliClasspathPrefix() {
    return xpath("cli/pom.xml", "//manifest/classpathPrefix");
  }

  /** {@code flink-conf/config.yaml} as flat keys, nested YAML joined with dots. */
  static Map<String, String> flinkConfig() {
    Map<String, String> flat = new LinkedHashMap<>();
    flatten("", yaml("flink-conf/config.yaml"), flat);
    return flat;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              field ->
                  flatten(
                      prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(),
                      field.getValue(),
                      into));
    } else {
      into.put(prefix, node.asText());
    }
  }

  /**
   * The port Prometheus scrapes every Flink process on: the first of {@code
   * metrics.reporter.prom.port} in config.yaml, the one a process alone in its container or pod
   * takes.
   */
  static int reporterPort() {
    Map<String, String> config = flinkConfig();
    String factory = config.get("metrics.reporter.prom.factory.class");
    String ports = config.get("metrics.reporter.prom.port");
    if (!"org.apache.flink.metrics.prometheus.PrometheusReporterFactory".equals(factory)
        || ports == null) {
      throw new IllegalStateException(
          "flink-conf/config.yaml does not switch on the Prometheus reporter"
              + " (metrics.reporter.prom.factory.class and metrics.reporter.prom.port)");
    }
    return Integer.parseInt(ports.split("-")[0].strip());
  }

  /** The main classes the README submits to a Flink cluster ("Running against your own Kafka"). */
  static Set<String> readmeJobClasses() {
    String readme = read("README.md");
    int start = readme.indexOf("## Running against your own Kafka");
    if (start < 0) {
      throw new IllegalStateException("README.md has no section 'Running against your own Kafka'");
    }
    int end = readme.indexOf("\n## ", start + 1);
    Matcher run = Pattern.compile("flink run -c (\\S+)").matcher(readme.substring(start, end));
    Set<String> classes = new TreeSet<>();
    while (run.find()) {
      classes.add(run.group(1));
    }
    return classes;
  }

  /** Every distinct value a SQL file gives to a WITH option, e.g. 'url'. */
  static Set<String> sqlOptionValues(String file, String option) {
    Matcher value =
        Pattern.compile("'" + Pattern.quote(option) + "'\\s*=\\s*'([^']*)'").matcher(read(file));
    Set<String> values = new TreeSet<>();
    while (value.find()) {
      values.add(value.group(1));
    }
    return values;
  }

  private static String xpath(String pom, String expression) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      Document document = factory.newDocumentBuilder().parse(path(pom).toFile());
      String value =
          (String)
              XPathFactory.newInstance()
                  .newXPath()
                  .evaluate(expression, document, XPathConstants.STRING);
      if (value.isBlank()) {
        throw new IllegalStateException(pom + " has nothing at " + expression);
      }
      return value.strip();
    } catch (IllegalStateException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + pom, e);
    }
  }
}
