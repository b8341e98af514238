package io.flashsale.fraud.functions;

import io.flashsale.fraud.patterns.RuleEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFilterFunction;
import org.apache.flink.metrics.Counter;

/**
 * Counts cart events that reached a rule behind the watermark. CEP has already evaluated the time
 * they belong to, so they cannot join a match; they are counted (metric {@code lateCartEvents}, one
 * per rule that saw the event) and go no further. The checkout itself is unaffected: the inventory
 * job decides it, whatever fraud scoring does.
 */
public final class LateEvents extends RichFilterFunction<RuleEvent> {

  private transient Counter late;

  @Override
  public void open(OpenContext openContext) {
    late = getRuntimeContext().getMetricGroup().addGroup("flashsale").counter("lateCartEvents");
  }

  @Override
  public boolean filter(RuleEvent event) {
    late.inc();
    return false;
  }
}
