package io.flashsale.time;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time for an input of reference data, such as the sales calendar: its records are applied as
 * they arrive, never ordered in event time, so the input never holds event time back. Its watermark
 * is the end of time from the start; operators that join it take their event time from their other
 * inputs. (With ordinary watermarks, every record on a quiet calendar would pin event time for an
 * idle timeout, and hold expiry with it.)
 */
public final class ReferenceDataTime<T> implements WatermarkStrategy<T> {

  @Override
  public WatermarkGenerator<T> createWatermarkGenerator(
      WatermarkGeneratorSupplier.Context context) {
    return new WatermarkGenerator<>() {
      @Override
      public void onEvent(T event, long timestamp, WatermarkOutput output) {}

      @Override
      public void onPeriodicEmit(WatermarkOutput output) {
        output.emitWatermark(new Watermark(Long.MAX_VALUE));
      }
    };
  }
}
