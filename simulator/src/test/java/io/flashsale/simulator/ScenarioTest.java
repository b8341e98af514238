package io.flashsale.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScenarioTest {

  @ParameterizedTest
  @ValueSource(strings = {"prime-day", "own-store-flash-sale", "quiet-week"})
  void everyShippedScenarioLoadsByNameAndPlaysWithinTenMinutes(String name) {
    Scenario scenario = Scenario.load(name);

    assertThat(Scenario.SHIPPED).contains(name);
    assertThat(scenario.description()).isNotBlank();
    assertThat(scenario.duration().dividedBy((long) scenario.speed()))
        .isLessThanOrEqualTo(Duration.ofMinutes(10));
    assertThat(scenario.channels()).startsWith(Scenario.OWN_STORE).contains("amazon", "walmart");
    // Think times within a hold's lifetime: a shopper who checks out has a live hold.
    assertThat(scenario.ownStore().thinkTime().max()).isLessThan(scenario.holdTtl());
  }

  @Test
  void theShippedSalesSpikeDemandThreeToEightFold() {
    Scenario primeDay = Scenario.load("prime-day");
    Scenario flash = Scenario.load("own-store-flash-sale");

    assertThat(primeDay.lift("amazon", Duration.ofHours(10))).isEqualTo(6);
    assertThat(primeDay.lift("walmart", Duration.ofHours(10))).isEqualTo(3);
    assertThat(primeDay.lift("amazon", Duration.ofHours(1))).isEqualTo(1);
    assertThat(flash.lift("web", Duration.ofMinutes(45))).isEqualTo(8);
    assertThat(flash.lift("amazon", Duration.ofMinutes(45))).isEqualTo(1);
    assertThat(Scenario.load("quiet-week").maxLift("web")).isEqualTo(1);
  }

  @Test
  void aFileIsReadBeforeAShippedNameAndTheSkusFollowThePrefix(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("mine.yaml");
    Files.writeString(file, Files.readString(Path.of("src/test/resources/short-sale.yaml")));

    Scenario scenario = Scenario.load(file.toString());

    assertThat(scenario.name()).isEqualTo("Short sale");
    assertThat(scenario.products().skus()).containsExactly("T-001", "T-002", "T-003");
    assertThat(scenario.totalStock()).isEqualTo(150);
  }

  @Test
  void anUnknownNameListsTheShippedScenarios() {
    assertThatThrownBy(() -> Scenario.load("black-friday"))
        .hasMessageContaining("no scenario file black-friday")
        .hasMessageContaining("prime-day");
  }

  @Test
  void aMistakeInAScenarioIsNamed(@TempDir Path dir) throws IOException {
    String valid = Files.readString(Path.of("src/test/resources/short-sale.yaml"));

    assertThatThrownBy(() -> load(dir, valid.replace("walmart: 20", "walmart: 10")))
        .hasMessageContaining("staticSplit percentages adding up to 100");
    assertThatThrownBy(() -> load(dir, valid.replace("speed: 60", "speed: 600")))
        .hasMessageContaining("holdTtl of at least one wall-clock second");
    assertThatThrownBy(() -> load(dir, valid.replace("checkout: 0.6", "checkout: 0.9")))
        .hasMessageContaining("ownStore.checkout + ownStore.release of at most 1");
    assertThatThrownBy(() -> load(dir, valid.replace("seed: 11", "seed: 11\nsped: 3")))
        .hasMessageContaining("sped");
  }

  private static Scenario load(Path dir, String yaml) throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, yaml);
    return Scenario.load(file.toString());
  }
}
