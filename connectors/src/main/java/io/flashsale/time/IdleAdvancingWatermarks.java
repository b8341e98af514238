package io.flashsale.time;

import java.time.Clock;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded-out-of-orderness watermarks that keep advancing when input goes quiet.
 *
 * <p>While events arrive, the watermark trails the highest event time by the allowed
 * out-of-orderness. Once no event has arrived for the idle timeout, it advances to the wall clock
 * minus the out-of-orderness, so that timers on event time (hold expiry above all) fire within
 * seconds even when a partition, a topic or the whole shop goes quiet. Flink's own idleness would
 * only exclude the quiet input and leave event time standing still.
 *
 * <p>Records without event time (dead letters) are not activity: they never move the watermark.
 */
public final class IdleAdvancingWatermarks<T> implements WatermarkGenerator<T> {

  /** The timestamp of a record that carries no event time. */
  public static final long NO_TIMESTAMP = Long.MIN_VALUE;

  private final long outOfOrdernessMs;
  private final long idleTimeoutMs;
  private final Clock clock;

  private long maxTimestamp = Long.MIN_VALUE;
  private long lastActivity;
  private long lastEmitted = Long.MIN_VALUE;

  public IdleAdvancingWatermarks(Duration outOfOrderness, Duration idleTimeout, Clock clock) {
    if (outOfOrderness.isNegative() || idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException(
          "out-of-orderness must not be negative and the idle timeout must be positive");
    }
    this.outOfOrdernessMs = outOfOrderness.toMillis();
    this.idleTimeoutMs = idleTimeout.toMillis();
    this.clock = clock;
    this.lastActivity = clock.millis();
  }

  @Override
  public void onEvent(T event, long timestamp, WatermarkOutput output) {
    if (timestamp != NO_TIMESTAMP) {
      maxTimestamp = Math.max(maxTimestamp, timestamp);
      lastActivity = clock.millis();
    }
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    long now = clock.millis();
    long watermark =
        maxTimestamp == Long.MIN_VALUE ? Long.MIN_VALUE : maxTimestamp - outOfOrdernessMs - 1;
    if (now - lastActivity >= idleTimeoutMs) {
      watermark = Math.max(watermark, now - outOfOrdernessMs);
    }
    if (watermark > lastEmitted) {
      lastEmitted = watermark;
      output.emitWatermark(new Watermark(watermark));
    }
  }
}
