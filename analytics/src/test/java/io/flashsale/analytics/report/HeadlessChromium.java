package io.flashsale.analytics.report;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Takes a screenshot of a local HTML file with Debian's {@code chromium} in headless mode, the way
 * a person would see the page. Chromium must be on the PATH; {@code .ci/run} installs it. A missing
 * browser fails the test rather than skipping it, so CI can never pass without having looked.
 */
final class HeadlessChromium {

  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private HeadlessChromium() {}

  /** The {@code chromium} executable on the PATH, or a failed test saying how to get one. */
  static Path executable() {
    return executable(System.getenv("PATH"));
  }

  /** The {@code chromium} executable in one of {@code path}'s directories. */
  static Path executable(String path) {
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        if (dir.isEmpty()) {
          continue;
        }
        Path candidate = Path.of(dir, "chromium");
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    return fail(
        "chromium is not on the PATH ("
            + path
            + "). The report's screenshot test needs Debian's headless Chromium: .ci/run installs"
            + " it (apt-get install --no-install-recommends chromium).");
  }

  /**
   * The command line that screenshots {@code html} into {@code png} at {@code width}×{@code
   * height}.
   */
  static List<String> command(Path html, Path png, int width, int height, Path profile) {
    return List.of(
        executable().toString(),
        "--headless",
        // Root in a container has no user namespace for the sandbox.
        "--no-sandbox",
        "--disable-gpu",
        // /dev/shm is small in containers.
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-extensions",
        "--user-data-dir=" + profile,
        "--window-size=" + width + "," + height,
        "--screenshot=" + png.toAbsolutePath(),
        html.toAbsolutePath().toUri().toString());
  }

  /**
   * Renders {@code html} in a {@code width}×{@code height} viewport and writes the visible part to
   * {@code png}. Fails the test, with Chromium's output, if the browser exits with an error, runs
   * past {@link #TIMEOUT} or writes no image.
   */
  static void screenshot(Path html, Path png, int width, int height)
      throws IOException, InterruptedException {
    Path work = Files.createTempDirectory("headless-chromium");
    try {
      Path profile = Files.createDirectory(work.resolve("profile"));
      Path output = work.resolve("chromium.log");
      Files.deleteIfExists(png);
      List<String> command = command(html, png, width, height, profile);
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        fail("chromium did not finish within " + TIMEOUT + ": " + describe(command, output));
      }
      if (process.exitValue() != 0) {
        fail("chromium exited with " + process.exitValue() + ": " + describe(command, output));
      }
      if (!Files.isRegularFile(png) || Files.size(png) == 0) {
        fail("chromium wrote no screenshot to " + png + ": " + describe(command, output));
      }
    } finally {
      deleteRecursively(work);
    }
  }

  private static String describe(List<String> command, Path output) throws IOException {
    String log = Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
    return String.join(" ", command) + "\n--- chromium output ---\n" + log;
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      List<Path> all = new ArrayList<>(paths.sorted(Comparator.reverseOrder()).toList());
      for (Path p : all) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A profile file Chromium still held: the OS's temp cleaner gets it, the test is not at
      // stake.
    }
  }
}
