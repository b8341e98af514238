package io.flashsale.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadlessChromiumTest {

  @Test
  void aMissingBrowserFailsAndSaysWhereItComesFrom(@TempDir Path empty) {
    assertThatThrownBy(() -> HeadlessChromium.executable(empty.toString()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("chromium is not on the PATH")
        .hasMessageContaining(".ci/run installs it");
  }

  @Test
  void theCommandLineRendersOneFileAtTheRequestedSize(@TempDir Path dir) {
    assertThat(
            HeadlessChromium.command(
                dir.resolve("r.html"), dir.resolve("r.png"), 1280, 2400, dir.resolve("profile")))
        .contains(
            "--headless",
            "--no-sandbox",
            "--window-size=1280,2400",
            "--screenshot=" + dir.resolve("r.png"),
            dir.resolve("r.html").toUri().toString());
  }
}
