package io.flashsale.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metrics docs/metrics.md names, by their Prometheus names: each table row's backticked name,
 * after its section's {@code Prefix `...`} when the section has one. What the scrape test, the
 * dashboard and the alert rules are checked against.
 */
public final class MetricCatalog {

  /** One documented metric: its full Prometheus name, its type column, and its section. */
  public record Metric(String name, String type, String section) {}

  private static final Pattern SECTION = Pattern.compile("^## (.+)$");
  private static final Pattern PREFIX = Pattern.compile("^Prefix `([^`]+)`");
  private static final Pattern ROW = Pattern.compile("^\\| `([A-Za-z0-9_]+)` \\| ([^|]+?) \\|");

  private MetricCatalog() {}

  /** The catalogue of the repository at {@code root}. */
  public static List<Metric> read(Path root) {
    try {
      return parse(Files.readAllLines(root.resolve("docs/metrics.md")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Metric> parse(List<String> lines) {
    List<Metric> metrics = new ArrayList<>();
    String section = "";
    String prefix = "";
    for (String line : lines) {
      Matcher matcher;
      if ((matcher = SECTION.matcher(line)).find()) {
        section = matcher.group(1);
        prefix = "";
      } else if ((matcher = PREFIX.matcher(line)).find()) {
        prefix = matcher.group(1);
      } else if ((matcher = ROW.matcher(line)).find()) {
        metrics.add(new Metric(prefix + matcher.group(1), matcher.group(2).trim(), section));
      }
    }
    return metrics;
  }
}
