package io.flashsale.fraud.functions;

import io.flashsale.events.CartEvent;
import io.flashsale.fraud.patterns.BurstRule;
import io.flashsale.fraud.patterns.BurstWindow;
import io.flashsale.fraud.patterns.EventIdOrder;
import io.flashsale.fraud.patterns.RuleEvent;
import io.flashsale.fraud.scoring.Signal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Matches a {@link BurstRule} over the events of one key, in the bounded state of a {@link
 * BurstWindow}. A CEP pattern would keep a partial match for every event that repeats a value (a
 * customer paying again, a code tried again) and test each new event against all of them, so one
 * key flooding the rule would cost memory and time in proportion to the flood.
 *
 * <p>As in a CEP operator, each event waits for the watermark to pass it and the events of one
 * millisecond go through by eventId, so a replay gives the same matches however the partitions
 * interleaved; an event behind the watermark goes to {@code late}.
 */
public final class BurstDetector extends KeyedProcessFunction<String, RuleEvent, Signal> {

  private static final EventIdOrder BY_EVENT_ID = new EventIdOrder();

  private final BurstRule rule;
  private final OutputTag<RuleEvent> late;

  private transient MapState<Long, List<RuleEvent>> waiting;
  private transient ValueState<BurstWindow> burst;

  public BurstDetector(BurstRule rule, OutputTag<RuleEvent> late) {
    this.rule = rule;
    this.late = late;
  }

  @Override
  public void open(OpenContext openContext) {
    waiting =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "burst-waiting-for-watermark",
                    Types.LONG,
                    Types.LIST(TypeInformation.of(RuleEvent.class))));
    burst = getRuntimeContext().getState(new ValueStateDescriptor<>("burst", BurstWindow.class));
  }

  @Override
  public void processElement(RuleEvent event, Context context, Collector<Signal> out)
      throws Exception {
    long time = context.timestamp();
    if (time <= context.timerService().currentWatermark()) {
      context.output(late, event);
      return;
    }
    List<RuleEvent> events = waiting.get(time);
    if (events == null) {
      events = new ArrayList<>();
    }
    events.add(event);
    waiting.put(time, events);
    context.timerService().registerEventTimeTimer(time);
  }

  @Override
  public void onTimer(long time, OnTimerContext context, Collector<Signal> out) throws Exception {
    BurstWindow window = burst.value();
    if (window == null) {
      window = BurstWindow.EMPTY;
    }
    Optional<Instant> endBefore = window.end(rule.window());
    List<RuleEvent> due = waiting.get(time);
    if (due != null) {
      waiting.remove(time);
      for (RuleEvent event : due.stream().sorted(BY_EVENT_ID).toList()) {
        window = window.add(event.event(), rule);
        List<CartEvent> counted = window.counted(rule.distinct());
        if (counted.size() >= rule.count()) {
          out.collect(
              Signal.of(
                  rule.name(),
                  rule.pattern(),
                  rule.subjectType(),
                  context.getCurrentKey(),
                  rule.weight(),
                  counted));
          window = BurstWindow.EMPTY;
        }
      }
    }
    window = window.expire(Instant.ofEpochMilli(time), rule.window());
    if (window.isEmpty()) {
      burst.clear();
    } else {
      burst.update(window);
    }
    // One timer clears the key once its latest event leaves the window; a newer event moves it,
    // since a timer per event would pile up with the flood. A waiting event may share the old time.
    Optional<Instant> end = window.end(rule.window());
    if (!end.equals(endBefore)) {
      if (endBefore.isPresent() && !waiting.contains(endBefore.get().toEpochMilli())) {
        context.timerService().deleteEventTimeTimer(endBefore.get().toEpochMilli());
      }
      end.ifPresent(t -> context.timerService().registerEventTimeTimer(t.toEpochMilli()));
    }
  }
}
