package io.flashsale.channels.push;

import io.flashsale.events.AckStatus;
import io.flashsale.events.ChannelAck;
import io.flashsale.events.DeadLetter;
import io.flashsale.kafka.Outbound;
import io.flashsale.serde.EventJson;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeutils.base.array.BytePrimitiveArraySerializer;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Pushes quotas to their channels and emits what became of each: an APPLIED or FAILED ack, and for
 * a refusal a dead letter naming the quota's record.
 *
 * <p>A quota is sent only once the checkpoint that first holds it has completed. Until then it may
 * still be read again after a failure, and a newer quota of the same SKU that was sent before the
 * failure could be overtaken by an older one restored from the checkpoint. Waiting for the
 * checkpoint means that whatever a restore brings back is never older than anything sent: no stale
 * quota ever reaches a channel after a newer one, also across restarts. The cost is one checkpoint
 * interval of latency. Quotas not yet applied are kept in the checkpoint and pushed again after a
 * restore, so none is lost; the APIs set absolute quantities, so pushing one twice is harmless.
 *
 * <p>This is a stream operator rather than a Sink V2 writer because a sink writer is not told when
 * a checkpoint completes, and a sink committer fails the job after a few immediate retries, while a
 * marketplace may be down for minutes.
 */
public final class QuotaPushOperator extends AbstractStreamOperator<Outbound>
    implements OneInputStreamOperator<QuotaPush, Outbound>, BoundedOneInput {

  private final QuotaPushConfig config;
  private final transient MailboxExecutor mailbox;
  private transient ListState<byte[]> unapplied;
  private transient List<QuotaPush> restored;
  private transient List<QuotaPush> sinceLastCheckpoint;
  private transient NavigableMap<Long, List<QuotaPush>> awaitingCheckpoint;
  private transient Map<String, ChannelPusher> pushers;

  QuotaPushOperator(StreamOperatorParameters<Outbound> parameters, QuotaPushConfig config) {
    super(parameters);
    this.config = config;
    this.mailbox = parameters.getMailboxExecutor();
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    unapplied =
        context
            .getOperatorStateStore()
            .getListState(
                new ListStateDescriptor<>(
                    "unapplied-quotas", BytePrimitiveArraySerializer.INSTANCE));
    restored = new ArrayList<>();
    for (byte[] json : unapplied.get()) {
      restored.add(EventJson.read(json, QuotaPush.class));
    }
  }

  @Override
  public void open() throws Exception {
    super.open();
    sinceLastCheckpoint = new ArrayList<>();
    awaitingCheckpoint = new TreeMap<>();
    pushers = new HashMap<>();
    PushTimers timers = new MailboxTimers();
    Clock clock = Clock.systemUTC();
    for (var channel : config.channels()) {
      ChannelSettings settings = config.settings(channel.id());
      ChannelApis.create(channel, settings, System::getenv, clock)
          .ifPresent(
              api ->
                  pushers.put(
                      channel.id(),
                      new ChannelPusher(
                          api,
                          ChannelApis.pushSettings(settings),
                          timers,
                          new Emitter(),
                          getMetricGroup().addGroup("flashsale").addGroup("channel", channel.id()),
                          channel)));
    }
    // A restored quota was in a completed checkpoint: it may go out at once.
    restored.forEach(this::release);
    restored = null;
  }

  @Override
  public void processElement(StreamRecord<QuotaPush> record) {
    if (pushers.containsKey(record.getValue().channel())) {
      sinceLastCheckpoint.add(record.getValue());
    }
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    if (!sinceLastCheckpoint.isEmpty()) {
      awaitingCheckpoint.put(context.getCheckpointId(), sinceLastCheckpoint);
      sinceLastCheckpoint = new ArrayList<>();
    }
    List<byte[]> kept = new ArrayList<>();
    awaitingCheckpoint
        .values()
        .forEach(quotas -> quotas.forEach(q -> kept.add(EventJson.write(q))));
    pushers.values().forEach(p -> p.unfinished().forEach(q -> kept.add(EventJson.write(q))));
    unapplied.update(kept);
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) throws Exception {
    super.notifyCheckpointComplete(checkpointId);
    NavigableMap<Long, List<QuotaPush>> covered = awaitingCheckpoint.headMap(checkpointId, true);
    covered.values().forEach(quotas -> quotas.forEach(this::release));
    covered.clear();
  }

  /** At the end of bounded input nothing can be read again: push everything, wait for the end. */
  @Override
  public void endInput() throws Exception {
    awaitingCheckpoint.values().forEach(quotas -> quotas.forEach(this::release));
    awaitingCheckpoint.clear();
    sinceLastCheckpoint.forEach(this::release);
    sinceLastCheckpoint.clear();
    while (!pushers.values().stream().allMatch(ChannelPusher::isIdle)) {
      mailbox.yield();
    }
  }

  @Override
  public void close() throws Exception {
    if (pushers != null) {
      pushers.values().forEach(ChannelPusher::close);
    }
    super.close();
  }

  private void release(QuotaPush push) {
    ChannelPusher pusher = pushers.get(push.channel());
    if (pusher != null) {
      pusher.offer(push);
    }
  }

  /** Turns outcomes into the acks and dead letters the operator emits. */
  private final class Emitter implements PushOutcomes {

    @Override
    public void applied(QuotaPush push, Instant appliedAt) {
      emitAck(push, AckStatus.APPLIED, appliedAt, null);
    }

    @Override
    public void refused(QuotaPush push, String reason) {
      Instant now = Instant.now();
      String explained =
          push.channel() + " refused quota version " + push.version() + ": " + reason;
      DeadLetter deadLetter =
          DeadLetter.of(
              push.topic(),
              push.partition(),
              push.offset(),
              explained,
              EventJson.write(push.quota()),
              now);
      output.collect(
          new StreamRecord<>(
              Outbound.json(config.deadLetterTopic(), push.topic(), deadLetter, now)));
      emitAck(push, AckStatus.FAILED, now, reason);
    }

    private void emitAck(QuotaPush push, AckStatus status, Instant at, String error) {
      ChannelAck ack =
          new ChannelAck(
              ackId(push, status),
              push.channel(),
              push.sku(),
              push.quota().quota(),
              push.version(),
              status,
              at,
              error);
      output.collect(new StreamRecord<>(Outbound.json(config.acksTopic(), push.sku(), ack, at)));
    }
  }

  /**
   * The same outcome of the same quota always has the same id, so a repeated ack is a duplicate.
   */
  static String ackId(QuotaPush push, AckStatus status) {
    return "ack:" + push.channel() + ":" + push.sku() + ":" + push.version() + ":" + status;
  }

  /** The task's clock, timers and mailbox: the pushers live on the task thread. */
  private final class MailboxTimers implements PushTimers {

    @Override
    public long nowMillis() {
      return getProcessingTimeService().getCurrentProcessingTime();
    }

    @Override
    public void at(long timeMillis, Runnable action) {
      getProcessingTimeService().registerTimer(timeMillis, time -> action.run());
    }

    @Override
    public Executor thread() {
      return command -> mailbox.execute(command::run, "quota push result");
    }
  }
}
