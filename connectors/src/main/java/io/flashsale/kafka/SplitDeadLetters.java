package io.flashsale.kafka;

import io.flashsale.events.DeadLetter;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Passes valid events on and sends dead letters to {@link #DEAD_LETTERS}. */
public final class SplitDeadLetters<T> extends ProcessFunction<Inbound<T>, T> {

  public static final OutputTag<DeadLetter> DEAD_LETTERS =
      new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

  @Override
  public void processElement(Inbound<T> inbound, Context context, Collector<T> out) {
    if (inbound.deadLetter() != null) {
      context.output(DEAD_LETTERS, inbound.deadLetter());
    } else {
      out.collect(inbound.event());
    }
  }
}
