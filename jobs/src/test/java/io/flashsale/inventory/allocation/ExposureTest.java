package io.flashsale.inventory.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExposureTest {

  private static final long LAG = 3_600_000;
  private final List<QuotaVersion> versions = new ArrayList<>();

  @Test
  void shouldCountAnOldQuotaUntilTheNewOneIsAppliedAndItsOrdersHadTimeToArrive() {
    Exposure.publish(versions, 1, 10, 0);
    Exposure.publish(versions, 2, 4, 1_000);
    assertThat(Exposure.of(versions))
        .as("the channel may sell 10, then apply 4 on top")
        .isEqualTo(14);

    Exposure.acknowledge(versions, 2, true, 60_000);
    Exposure.close(versions, 60_000 + LAG - 1, LAG);
    assertThat(Exposure.of(versions)).isEqualTo(14);

    Exposure.close(versions, 60_000 + LAG, LAG);
    assertThat(Exposure.of(versions)).isEqualTo(4);
    assertThat(versions).extracting(v -> v.version).containsExactly(2L);
  }

  @Test
  void shouldAssumeAVersionAppliedOnlyOnceTheMaximumSyncLagHasPassedWithoutAnAck() {
    Exposure.publish(versions, 1, 10, 0);
    Exposure.publish(versions, 2, 0, 1_000);
    assertThat(Exposure.nextClose(versions, LAG)).isEqualTo(1_000 + 2 * LAG);
    Exposure.close(versions, 1_000 + 2 * LAG - 1, LAG);
    assertThat(Exposure.of(versions)).isEqualTo(10);
    Exposure.close(versions, 1_000 + 2 * LAG, LAG);
    assertThat(Exposure.of(versions)).isZero();
  }

  @Test
  void shouldCountOrdersAgainstTheVersionTheyWerePlacedUnder() {
    Exposure.publish(versions, 1, 10, 0);
    Exposure.publish(versions, 2, 5, 1_000);
    Exposure.acknowledge(versions, 2, true, 5_000);

    Exposure.attribute(versions, 3, 4_000);
    Exposure.attribute(versions, 2, 6_000);

    assertThat(versions).extracting(v -> v.sold).containsExactly(3L, 2L);
    assertThat(Exposure.of(versions)).isEqualTo(7 + 3);
    Exposure.attribute(versions, -2, 6_000);
    assertThat(Exposure.of(versions)).isEqualTo(7 + 5);
  }

  @Test
  void shouldDropAFailedVersionAndKeepSellingAgainstThePreviousOne() {
    Exposure.publish(versions, 1, 10, 0);
    Exposure.publish(versions, 2, 30, 1_000);
    Exposure.acknowledge(versions, 2, false, 2_000);
    assertThat(Exposure.of(versions)).isEqualTo(10);
    Exposure.close(versions, 10 * LAG, LAG);
    assertThat(Exposure.of(versions)).isEqualTo(10);
    assertThat(Exposure.current(versions)).isZero();
  }

  @Test
  void shouldNeverCountMoreSoldThanAVersionAllowedAsNegativeExposure() {
    Exposure.publish(versions, 1, 2, 0);
    Exposure.attribute(versions, 5, 1);
    assertThat(Exposure.of(versions)).isZero();
  }
}
