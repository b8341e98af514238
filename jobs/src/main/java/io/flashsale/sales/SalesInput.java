package io.flashsale.sales;

import io.flashsale.events.SaleEvent;
import io.flashsale.kafka.Inbound;
import io.flashsale.kafka.KafkaConnections;
import io.flashsale.kafka.SplitDeadLetters;
import io.flashsale.kafka.TopicDecoder;
import io.flashsale.time.ReferenceDataTime;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The valid records of {@code sales.calendar}, as every job that broadcasts the calendar reads it.
 */
public final class SalesInput {

  private SalesInput() {}

  /**
   * The calendar's valid events, with invalid records on the {@link SplitDeadLetters#DEAD_LETTERS}
   * side output. The calendar never holds event time back ({@link ReferenceDataTime}); one reader
   * suffices for its one partition.
   */
  public static SingleOutputStreamOperator<SaleEvent> read(
      StreamExecutionEnvironment env, KafkaConnections kafka, String groupId) {
    return env.fromSource(
            kafka.source(
                groupId,
                Map.of(
                    kafka.topics().salesCalendar(), TopicDecoder.of(SaleEvent.class, sale -> sale)),
                TypeInformation.of(new TypeHint<Inbound<SaleEvent>>() {})),
            new ReferenceDataTime<>(),
            "Kafka: sales calendar")
        .setParallelism(1)
        .uid("source-sales")
        .process(new SplitDeadLetters<>())
        .setParallelism(1)
        .uid("dead-letters-sales")
        .name("Valid sale events");
  }
}
