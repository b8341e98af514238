package io.flashsale.cli;

import static io.flashsale.cli.CommandRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's commands as a user runs them: the baselines alone, and the demo on a short sale,
 * which starts the whole local stack.
 */
class SimulateCommandTest {

  private static final String SHORT_SALE = "../simulator/src/test/resources/short-sale.yaml";

  @Test
  void theBaselinesAloneNeedNoServer() {
    CommandRun run =
        run("simulate", "--scenario", "prime-day", "--policies", "full-count-sync,static-split");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .startsWith("Prime Day")
        .contains("under each policy")
        .contains("| policy ", "| full-count-sync ", "| static-split ")
        .doesNotContain("| flashsale ")
        .doesNotContain("Flink web UI");
  }

  @Test
  void anUnknownPolicyIsRefusedByName() {
    CommandRun run = run("simulate", "--scenario", "prime-day", "--policies", "round-robin");

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains("no baseline policy round-robin");
  }

  @Test
  void withoutTheFlinkConfigurationNothingStarts(@TempDir Path dir) {
    // Its checkpointing commits the outputs: without it nothing would ever be readable.
    CommandRun run = run("simulate", "--scenario", SHORT_SALE, "--flink-conf", dir.toString());

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains("no config.yaml in " + dir).contains("--flink-conf");
    assertThat(run.out()).doesNotContain("Flink web UI");
  }

  @Test
  @Timeout(400)
  void theDemoPlaysASaleShowsItAndWritesTheReport(@TempDir Path dir) throws Exception {
    Path report = dir.resolve("report.html");

    CommandRun run =
        run(
            "demo",
            "--scenario",
            SHORT_SALE,
            "--web-port",
            "0",
            "--flink-conf",
            "../flink-conf",
            "--sql-dir",
            "../sql",
            "--report",
            report.toString());

    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(run.out())
        .contains("Flink web UI: http://127.0.0.1:")
        .contains("Playing 0:20 of sale at 60x speed: 20 s.")
        .contains("] 100% 0:20 of 0:20 | sold ")
        .contains("oversells            0 units oversold, 0 oversell incidents")
        .containsPattern("rejected after hold  \\d+ of \\d+ checkouts")
        .contains("quota moves          ")
        .contains("FLASH_SALE_START")
        .contains("BOT_VELOCITY")
        .contains("| flashsale ", "| full-count-sync ", "| static-split ")
        .contains("Post-sale report: " + report.toUri());
    assertThat(Files.readString(report)).contains("<svg").contains("Short sale");
  }
}
