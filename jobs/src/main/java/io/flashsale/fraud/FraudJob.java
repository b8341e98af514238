package io.flashsale.fraud;

import io.flashsale.config.JobConfiguration;
import io.flashsale.events.CartEvent;
import io.flashsale.events.DeadLetter;
import io.flashsale.events.FraudAlert;
import io.flashsale.events.SaleEvent;
import io.flashsale.fraud.functions.BurstDetector;
import io.flashsale.fraud.functions.LateEvents;
import io.flashsale.fraud.functions.MatchToSignal;
import io.flashsale.fraud.functions.RiskScorer;
import io.flashsale.fraud.functions.RuleKeys;
import io.flashsale.fraud.patterns.BurstRule;
import io.flashsale.fraud.patterns.EventIdOrder;
import io.flashsale.fraud.patterns.FraudRule;
import io.flashsale.fraud.patterns.PatternRule;
import io.flashsale.fraud.patterns.RuleEvent;
import io.flashsale.fraud.scoring.ScoringPolicy;
import io.flashsale.fraud.scoring.Signal;
import io.flashsale.kafka.Inbound;
import io.flashsale.kafka.KafkaConnections;
import io.flashsale.kafka.Outbound;
import io.flashsale.kafka.SplitDeadLetters;
import io.flashsale.kafka.TopicDecoder;
import io.flashsale.kafka.Topics;
import io.flashsale.sales.SaleCalendar;
import io.flashsale.sales.SalesInput;
import io.flashsale.time.EventTimeStrategy;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cep.CEP;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.OutputTag;

/**
 * The fraud job: every rule of {@link FraudOptions#rules} as a keyed operator over the cart events,
 * the matches scored per subject against a threshold that a flash sale on the event's channel
 * raises, and {@code fraud.alerts} for the subjects that reach it. It reads {@code
 * storefront.carts} and {@code sales.calendar} with its own consumer group, beside the inventory
 * job, so scoring never delays a checkout; alerts flag for review and never block.
 */
public final class FraudJob {

  public static final String NAME = "flashsale fraud";

  /** Cart events that reached a rule behind the watermark (see {@link LateEvents}). */
  public static final OutputTag<RuleEvent> LATE_EVENTS =
      new OutputTag<>("late-cart-events", TypeInformation.of(RuleEvent.class));

  /** What the workflow produces. */
  public record Outputs(DataStream<FraudAlert> alerts, DataStream<RuleEvent> lateEvents) {}

  private FraudJob() {}

  public static void main(String[] args) throws Exception {
    JobConfiguration.execute(args, NAME, FraudJob::build);
  }

  /** The rules and the scoring, on streams of valid events with event time already assigned. */
  public static Outputs defineWorkflow(
      DataStream<CartEvent> carts,
      DataStream<SaleEvent> sales,
      List<FraudRule> rules,
      ScoringPolicy scoring) {
    DataStream<Signal> signals = null;
    DataStream<RuleEvent> late = null;
    for (FraudRule rule : rules) {
      SingleOutputStreamOperator<Signal> matched = detect(carts, rule);
      signals = signals == null ? matched : signals.union(matched);
      DataStream<RuleEvent> lateForRule = matched.getSideOutput(LATE_EVENTS);
      late = late == null ? lateForRule : late.union(lateForRule);
    }
    if (signals == null) {
      throw new IllegalArgumentException("the fraud job needs at least one rule");
    }
    SingleOutputStreamOperator<FraudAlert> alerts =
        signals
            .keyBy(RiskScorer::subjectKey)
            .connect(sales.broadcast(SaleCalendar.DESCRIPTOR))
            .process(new RiskScorer(scoring))
            .uid("fraud-risk-score")
            .name("Risk score per subject, sale-aware threshold");
    return new Outputs(alerts, late);
  }

  /**
   * One rule as a keyed operator: a burst rule counts in bounded state ({@link BurstDetector}), a
   * pattern rule runs on Flink CEP. Late events go to {@link #LATE_EVENTS} either way.
   */
  private static SingleOutputStreamOperator<Signal> detect(
      DataStream<CartEvent> carts, FraudRule rule) {
    KeyedStream<RuleEvent, String> keyed =
        carts
            .flatMap(new RuleKeys(rule))
            .uid("fraud-keys-" + rule.name())
            .name("Keys for " + rule.name())
            .keyBy(RuleEvent::key);
    String matches = " (" + rule.pattern() + " per " + rule.subjectType() + ")";
    if (rule instanceof BurstRule burst) {
      return keyed
          .process(new BurstDetector(burst, LATE_EVENTS))
          .uid("fraud-burst-" + rule.name())
          .name("Burst " + rule.name() + matches);
    }
    PatternRule patternRule = (PatternRule) rule;
    return CEP.pattern(keyed, patternRule.cepPattern(), new EventIdOrder())
        .sideOutputLateData(LATE_EVENTS)
        .process(new MatchToSignal(patternRule))
        .uid("fraud-cep-" + rule.name())
        .name("CEP " + rule.name() + matches);
  }

  /** The whole job on Kafka: sources, rules, scoring, and one exactly-once sink for all outputs. */
  public static void build(StreamExecutionEnvironment env, Configuration config) {
    KafkaConnections kafka = new KafkaConnections(config);
    Topics topics = kafka.topics();
    String groupId = config.get(FraudOptions.GROUP_ID);

    SingleOutputStreamOperator<CartEvent> carts =
        env.fromSource(
                kafka.source(
                    groupId,
                    Map.of(
                        topics.storefrontCarts(), TopicDecoder.of(CartEvent.class, cart -> cart)),
                    TypeInformation.of(new TypeHint<Inbound<CartEvent>>() {})),
                EventTimeStrategy.of(config),
                "Kafka: carts")
            .uid("source-carts")
            .process(new SplitDeadLetters<>())
            .uid("dead-letters-carts")
            .name("Valid cart events");

    SingleOutputStreamOperator<SaleEvent> sales = SalesInput.read(env, kafka, groupId);

    Outputs outputs =
        defineWorkflow(carts, sales, FraudOptions.rules(config), FraudOptions.scoring(config));

    outputs
        .lateEvents()
        .filter(new LateEvents())
        .uid("fraud-late-events")
        .name("Count late cart events")
        .sinkTo(new DiscardingSink<>())
        .uid("sink-late-events")
        .name("Late cart events, counted");

    DataStream<DeadLetter> deadLetters =
        carts
            .getSideOutput(SplitDeadLetters.DEAD_LETTERS)
            .union(sales.getSideOutput(SplitDeadLetters.DEAD_LETTERS));
    outputs
        .alerts()
        .map(a -> Outbound.json(topics.fraudAlerts(), a.subject(), a, a.detectedAt()))
        .name("Alerts as JSON")
        .union(
            deadLetters
                .map(d -> Outbound.json(topics.deadLetter(), d.sourceTopic(), d, d.processedAt()))
                .name("Dead letters as JSON"))
        .sinkTo(kafka.exactlyOnceSink(groupId, List.of(topics.fraudAlerts(), topics.deadLetter())))
        .uid("sink-kafka")
        .name("Kafka, exactly once: fraud alerts, dead letters");
  }
}
