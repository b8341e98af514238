package io.flashsale.analytics.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The whole report as one self-contained HTML page: inline CSS, charts as inline SVG, no script and
 * no reference to any other file, font or host, so it renders the same offline, in a mail
 * attachment or in an archive years later.
 *
 * <p>The output is also well-formed XML (every element closed, all text escaped), which lets tests
 * and tools parse it without an HTML parser.
 */
public record ReportPage(String title, String subtitle, List<Section> sections) {

  public ReportPage {
    Objects.requireNonNull(title, "title");
    subtitle = subtitle == null ? "" : subtitle;
    sections = List.copyOf(Objects.requireNonNull(sections, "sections"));
  }

  /** The complete page, from {@code <!DOCTYPE html>} to {@code </html>}. */
  public String html() {
    return PageHtml.render(this);
  }

  /**
   * Writes {@link #html()} to {@code file} as UTF-8, creating missing parent directories.
   *
   * @return {@code file}
   */
  public Path write(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return Files.writeString(file, html(), StandardCharsets.UTF_8);
  }
}
