package io.flashsale.time;

import io.flashsale.config.EventTimeOptions;
import io.flashsale.kafka.Inbound;
import java.time.Clock;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Event time for input records: each valid event's own time, with {@link IdleAdvancingWatermarks}.
 * Applied at the source, so every Kafka partition gets its own generator.
 */
public final class EventTimeStrategy<T> implements WatermarkStrategy<Inbound<T>> {

  private final Duration outOfOrderness;
  private final Duration idleTimeout;

  public EventTimeStrategy(Duration outOfOrderness, Duration idleTimeout) {
    this.outOfOrderness = outOfOrderness;
    this.idleTimeout = idleTimeout;
  }

  /** With the job's {@link EventTimeOptions}. */
  public static <T> EventTimeStrategy<T> of(ReadableConfig config) {
    return new EventTimeStrategy<>(
        config.get(EventTimeOptions.OUT_OF_ORDERNESS), config.get(EventTimeOptions.IDLE_TIMEOUT));
  }

  @Override
  public WatermarkGenerator<Inbound<T>> createWatermarkGenerator(
      WatermarkGeneratorSupplier.Context context) {
    return new IdleAdvancingWatermarks<>(outOfOrderness, idleTimeout, Clock.systemUTC());
  }

  @Override
  public TimestampAssigner<Inbound<T>> createTimestampAssigner(
      TimestampAssignerSupplier.Context context) {
    return (inbound, recordTimestamp) ->
        inbound.deadLetter() == null ? inbound.eventTime() : IdleAdvancingWatermarks.NO_TIMESTAMP;
  }
}
