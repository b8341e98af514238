package io.flashsale.inventory.allocation;

import io.flashsale.channels.Channels;
import io.flashsale.events.CartEvent;
import io.flashsale.events.CartEventType;
import io.flashsale.events.MarketplaceOrder;
import io.flashsale.events.OrderStatus;
import java.time.Duration;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Per SKU and channel, units sold over sliding event-time windows, summed incrementally: the demand
 * samples that forecasts and the deviation trigger read.
 */
public final class DemandWindows {

  private DemandWindows() {}

  /** What one checkout or order adds to demand; nothing for other events. */
  public static SoldUnits soldBy(CartEvent cart, Channels channels) {
    return cart.type() == CartEventType.CHECKOUT_COMPLETED && channels.isDirect(cart.channel())
        ? new SoldUnits(cart.sku(), cart.channel(), cart.quantity())
        : null;
  }

  public static SoldUnits soldBy(MarketplaceOrder order) {
    return order.status() == OrderStatus.CREATED
        ? new SoldUnits(order.sku(), order.channel(), order.quantity())
        : null;
  }

  public static DataStream<DemandSample> samples(
      DataStream<SoldUnits> sales, Duration window, Duration slide) {
    return sales
        .keyBy(SoldUnits::key)
        .window(SlidingEventTimeWindows.of(window, slide))
        .aggregate(new SumUnits(), new ToSample())
        .uid("demand-windows")
        .name("Demand per SKU and channel, sliding windows");
  }

  /** Adds up units as they arrive, so a window keeps one number, not its events. */
  static final class SumUnits implements AggregateFunction<SoldUnits, Long, Long> {
    @Override
    public Long createAccumulator() {
      return 0L;
    }

    @Override
    public Long add(SoldUnits sold, Long units) {
      return units + sold.units();
    }

    @Override
    public Long getResult(Long units) {
      return units;
    }

    @Override
    public Long merge(Long a, Long b) {
      return a + b;
    }
  }

  static final class ToSample
      extends ProcessWindowFunction<Long, DemandSample, String, TimeWindow> {
    @Override
    public void process(
        String key, Context context, Iterable<Long> units, Collector<DemandSample> out) {
      int split = key.lastIndexOf('|');
      TimeWindow window = context.window();
      out.collect(
          new DemandSample(
              key.substring(0, split),
              key.substring(split + 1),
              window.getEnd(),
              window.getEnd() - window.getStart(),
              units.iterator().next()));
    }
  }
}
