package io.flashsale.tables;

import static org.apache.flink.configuration.ConfigOptions.key;

import io.flashsale.config.JobConfiguration;
import io.flashsale.events.FraudAlert;
import io.flashsale.events.Position;
import io.flashsale.jdbc.PostgresSinks;
import io.flashsale.kafka.Inbound;
import io.flashsale.kafka.KafkaConnections;
import io.flashsale.kafka.Outbound;
import io.flashsale.kafka.SplitDeadLetters;
import io.flashsale.kafka.TopicDecoder;
import io.flashsale.kafka.Topics;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Projects the committed output topics into PostgreSQL tables: {@code inventory.positions} into
 * {@code inventory_position}, {@code fraud.alerts} into the {@code fraud_review} queue. It reads
 * with read_committed, so a table only ever shows what Kafka consumers could already read, and it
 * runs as its own job, so a PostgreSQL outage slows the tables, never the cart decisions.
 */
public final class TableSyncJob {

  public static final String NAME = "flashsale table sync";

  public static final ConfigOption<String> GROUP_ID =
      key("table-sync.group-id")
          .stringType()
          .defaultValue("flashsale-table-sync")
          .withDescription("Kafka consumer group and transactional id prefix of the job.");

  private TableSyncJob() {}

  public static void main(String[] args) throws Exception {
    JobConfiguration.execute(args, NAME, TableSyncJob::build);
  }

  public static void build(StreamExecutionEnvironment env, Configuration config) {
    KafkaConnections kafka = new KafkaConnections(config);
    Topics topics = kafka.topics();
    String groupId = config.get(GROUP_ID);
    PostgresSinks postgres = new PostgresSinks(config);
    SingleOutputStreamOperator<Position> positions =
        env.fromSource(
                kafka.source(
                    groupId,
                    Map.of(
                        topics.inventoryPositions(),
                        TopicDecoder.ofOutput(Position.class, Position::updatedAt)),
                    TypeInformation.of(new TypeHint<Inbound<Position>>() {})),
                WatermarkStrategy.noWatermarks(),
                "Kafka: inventory positions")
            .uid("source-positions")
            .process(new SplitDeadLetters<>())
            .uid("dead-letters-positions")
            .name("Readable positions");
    positions
        .sinkTo(postgres.positionsAtLeastOnce())
        .uid("sink-inventory-position")
        .name("PostgreSQL: inventory_position");

    SingleOutputStreamOperator<FraudAlert> alerts =
        env.fromSource(
                kafka.source(
                    groupId,
                    Map.of(
                        topics.fraudAlerts(),
                        TopicDecoder.ofOutput(FraudAlert.class, FraudAlert::detectedAt)),
                    TypeInformation.of(new TypeHint<Inbound<FraudAlert>>() {})),
                WatermarkStrategy.noWatermarks(),
                "Kafka: fraud alerts")
            .uid("source-fraud-alerts")
            .process(new SplitDeadLetters<>())
            .uid("dead-letters-fraud-alerts")
            .name("Readable fraud alerts");
    alerts
        .sinkTo(postgres.fraudReviewsAtLeastOnce())
        .uid("sink-fraud-review")
        .name("PostgreSQL: fraud_review");

    positions
        .getSideOutput(SplitDeadLetters.DEAD_LETTERS)
        .union(alerts.getSideOutput(SplitDeadLetters.DEAD_LETTERS))
        .map(d -> Outbound.json(topics.deadLetter(), d.sourceTopic(), d, d.processedAt()))
        .name("Dead letters as JSON")
        .sinkTo(kafka.exactlyOnceSink(groupId, List.of(topics.deadLetter())))
        .uid("sink-dead-letters")
        .name("Kafka, exactly once: dead letters");
  }
}
