package io.flashsale.channels;

import static org.apache.flink.configuration.ConfigOptions.key;

import io.flashsale.channels.push.QuotaPush;
import io.flashsale.channels.push.QuotaPushConfig;
import io.flashsale.channels.push.QuotaPushDeserializer;
import io.flashsale.channels.push.QuotaPushOperatorFactory;
import io.flashsale.config.JobConfiguration;
import io.flashsale.config.KafkaOptions;
import io.flashsale.inventory.InventoryOptions;
import io.flashsale.kafka.KafkaConnections;
import io.flashsale.kafka.Outbound;
import io.flashsale.kafka.SplitDeadLetters;
import io.flashsale.kafka.Topics;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Pushes the committed {@code channel.quotas} to the marketplaces' APIs and writes what each
 * channel made of them to {@code channel.acks} (and refusals to {@code deadletter}), exactly once.
 * It runs as its own job, so a marketplace outage slows the acks, never the cart decisions.
 *
 * <p>One subtask pushes for every channel: a marketplace's rate limit belongs to the seller
 * account, so its requests must be paced in one place, and the pusher keeps many requests in
 * flight, so the marketplaces' limits are reached long before the subtask's.
 */
public final class ChannelSyncJob {

  public static final String NAME = "flashsale channel sync";

  public static final ConfigOption<String> GROUP_ID =
      key("channel-sync.group-id")
          .stringType()
          .defaultValue("flashsale-channel-sync")
          .withDescription("Kafka consumer group and transactional id prefix of the job.");

  private ChannelSyncJob() {}

  public static void main(String[] args) throws Exception {
    JobConfiguration.execute(args, NAME, ChannelSyncJob::build);
  }

  public static void build(StreamExecutionEnvironment env, Configuration config) {
    KafkaConnections kafka = new KafkaConnections(config);
    Topics topics = kafka.topics();
    String groupId = config.get(GROUP_ID);
    int maxRecordBytes = Math.toIntExact(config.get(KafkaOptions.MAX_RECORD_SIZE).getBytes());
    QuotaPushConfig push =
        QuotaPushConfig.of(
            InventoryOptions.allocation(config).channels(),
            config.toMap(),
            topics.channelAcks(),
            topics.deadLetter());

    SingleOutputStreamOperator<QuotaPush> quotas =
        env.fromSource(
                kafka.source(
                    groupId,
                    List.of(topics.channelQuotas()),
                    new QuotaPushDeserializer(topics.channelQuotas(), maxRecordBytes)),
                WatermarkStrategy.noWatermarks(),
                "Kafka: channel quotas")
            .uid("source-channel-quotas")
            .setParallelism(1)
            .process(new SplitDeadLetters<>())
            .uid("dead-letters-channel-quotas")
            .name("Readable quotas")
            .setParallelism(1);

    DataStream<Outbound> outcomes =
        quotas
            .transform(
                "Push quotas to the channels",
                TypeInformation.of(Outbound.class),
                new QuotaPushOperatorFactory(push))
            .uid("push-quotas")
            .setParallelism(1)
            .setMaxParallelism(1);

    outcomes
        .union(
            quotas
                .getSideOutput(SplitDeadLetters.DEAD_LETTERS)
                .map(d -> Outbound.json(topics.deadLetter(), d.sourceTopic(), d, d.processedAt()))
                .name("Dead letters as JSON")
                .setParallelism(1))
        .sinkTo(kafka.exactlyOnceSink(groupId, List.of(topics.channelAcks(), topics.deadLetter())))
        .uid("sink-acks")
        .name("Kafka, exactly once: channel acks and dead letters")
        .setParallelism(1);
  }
}
