package io.flashsale.fraud.scoring;

import static io.flashsale.fraud.Carts.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.flashsale.events.FraudAlert;
import io.flashsale.events.FraudPattern;
import io.flashsale.events.SubjectType;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertsTest {

  private static Signal burst(String device, double start, double end, String customer) {
    return new Signal(
        "hold-burst-device",
        FraudPattern.BOT_VELOCITY,
        SubjectType.DEVICE,
        device,
        90,
        List.of("e1", "e2"),
        at(start),
        at(end),
        "web",
        "SKU-1",
        customer,
        device,
        "10.0.0.1",
        null);
  }

  @Test
  void shouldDeriveTheSameAlertIdFromTheSameEvidenceOnEveryRun() {
    Signal signal = burst("bot", 0, 4, "ann");

    FraudAlert first = Alerts.of(signal, List.of(signal), 90, 70);
    FraudAlert replayed = Alerts.of(burst("bot", 0, 4, "ann"), List.of(signal), 90, 70);

    assertThat(replayed.alertId()).isEqualTo(first.alertId());
    assertThat(first.alertId()).hasSize(36);
  }

  @Test
  void shouldDeriveAnotherAlertIdForAnotherSubjectOrWindow() {
    Signal signal = burst("bot", 0, 4, "ann");
    String id = Alerts.of(signal, List.of(signal), 90, 70).alertId();

    Signal otherDevice = burst("bot-2", 0, 4, "ann");
    Signal laterEnd = burst("bot", 0, 5, "ann");
    assertThat(Alerts.of(otherDevice, List.of(otherDevice), 90, 70).alertId()).isNotEqualTo(id);
    assertThat(Alerts.of(laterEnd, List.of(laterEnd), 90, 70).alertId()).isNotEqualTo(id);
  }

  @Test
  void shouldNameOnlyWhatEveryCountingSignalAgreesOn() {
    Signal first = burst("bot", 0, 4, "ann");
    Signal second = burst("bot", 10, 12, "bob");

    FraudAlert alert = Alerts.of(second, List.of(first, second), 90, 70);

    assertThat(alert.deviceId()).isEqualTo("bot");
    assertThat(alert.ip()).isEqualTo("10.0.0.1");
    assertThat(alert.customerId()).as("two customers").isNull();
    assertThat(alert.windowStart()).isEqualTo(at(0));
    assertThat(alert.windowEnd()).isEqualTo(at(12));
    assertThat(alert.evidenceEventIds()).containsExactly("e1", "e2");
  }
}
