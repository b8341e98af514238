package io.flashsale.channels.push;

import io.flashsale.channels.ChannelConfig;
import io.flashsale.events.ChannelQuota;
import io.flashsale.events.QuotaReason;
import io.flashsale.logging.LogEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one channel's quotas through its API, newest first and never out of order.
 *
 * <ul>
 *   <li>Per SKU at most one request is in flight, and only the newest quota waits behind it: a
 *       newer quota replaces a waiting older one, which is never sent. So a stale quota can never
 *       reach the channel after a newer one.
 *   <li>Requests are paced to the channel's rate limit; a Retry-After pauses the whole channel.
 *   <li>Throttling, server errors and timeouts are retried with exponential backoff and jitter,
 *       without end: a quota must reach its channel. Refusals are reported and not retried.
 *   <li>Urgent quotas (lower ones, pauses, flash sales, deviations, manual ones, and any quota of a
 *       SKU whose quota keeps changing) are pushed at once. The long tail is collected and sent in
 *       batches on an interval, when the channel has a batch interface.
 * </ul>
 *
 * <p>Not thread-safe: every method runs on the thread of its {@link PushTimers}.
 */
public final class ChannelPusher {

  private static final Set<QuotaReason> URGENT_REASONS =
      EnumSet.of(
          QuotaReason.FLASH_SALE_START,
          QuotaReason.FLASH_SALE_END,
          QuotaReason.DEVIATION_TRIGGER,
          QuotaReason.LOW_STOCK_PAUSE,
          QuotaReason.MANUAL);

  /** One SKU's quotas on their way: the one in flight and the newest one behind it. */
  private static final class Slot {
    QuotaPush inFlight;
    QuotaPush waiting;
    int failures;
    long notBeforeMillis;
    boolean queued;
    boolean batched;
  }

  private final ChannelApi api;
  private final PushSettings settings;
  private final PushTimers timers;
  private final PushOutcomes outcomes;
  private final Map<String, Slot> slots = new HashMap<>();
  private final ArrayDeque<String> ready = new ArrayDeque<>();
  private final LinkedHashSet<String> tail = new LinkedHashSet<>();
  private final HotSkus hotSkus;
  private int inFlight;
  private long pausedUntil;
  private boolean pumpScheduled;
  private boolean closed;

  private final Counter requests;
  private final Counter retries;
  private static final Logger LOG = LoggerFactory.getLogger(ChannelPusher.class);

  private final Counter refusals;
  private final Counter applied;
  private final Counter superseded;
  private final String channel;

  /** When the channel's first unanswered failure came, or 0 while it answers. */
  private long failingSinceMillis;

  private long lastSyncLagMillis;
  private long maxSyncLagMillis;

  public ChannelPusher(
      ChannelApi api,
      PushSettings settings,
      PushTimers timers,
      PushOutcomes outcomes,
      MetricGroup metrics,
      ChannelConfig channel) {
    this.channel = channel.id();
    this.api = api;
    this.settings = settings;
    this.timers = timers;
    this.outcomes = outcomes;
    this.hotSkus = new HotSkus(settings.hotChanges(), settings.hotWindow().toMillis());
    this.requests = metrics.counter("requests");
    this.retries = metrics.counter("retries");
    this.refusals = metrics.counter("errors");
    this.applied = metrics.counter("applied");
    this.superseded = metrics.counter("superseded");
    metrics.gauge("syncLagMs", this::syncLagMillis);
    metrics.gauge("lastSyncLagMs", () -> lastSyncLagMillis);
    metrics.gauge("maxSyncLagMs", () -> maxSyncLagMillis);
    metrics.gauge("pendingQuotas", slots::size);
    metrics.gauge("syncLagLimitMs", channel.maxSyncLag()::toMillis);
    if (api.maxBatch() > 0) {
      timers.at(timers.nowMillis() + settings.batchInterval().toMillis(), this::flushTail);
    }
  }

  /** Takes a quota to apply; an older one for the same SKU still waiting is dropped. */
  public void offer(QuotaPush push) {
    Slot slot = slots.computeIfAbsent(push.sku(), sku -> new Slot());
    long newest = Math.max(version(slot.inFlight), version(slot.waiting));
    if (push.version() <= newest) {
      return;
    }
    if (slot.waiting != null) {
      superseded.inc();
    }
    slot.waiting = push;
    long now = timers.nowMillis();
    boolean hot = api.maxBatch() > 0 && hotSkus.changed(push.sku(), now);
    // A SKU backing off after a failure keeps waiting: its retry timer sends the newest quota.
    if (slot.inFlight == null && now >= slot.notBeforeMillis) {
      enqueue(push.sku(), slot, hot || isUrgent(push.quota()));
    }
  }

  /** Every quota not yet applied or refused, newest per SKU: what a checkpoint must keep. */
  public List<QuotaPush> unfinished() {
    List<QuotaPush> unfinished = new ArrayList<>(slots.size());
    for (Slot slot : slots.values()) {
      unfinished.add(slot.waiting != null ? slot.waiting : slot.inFlight);
    }
    return unfinished;
  }

  public boolean isIdle() {
    return slots.isEmpty();
  }

  /** The age of the oldest quota not yet applied, from its effective time; 0 when all are. */
  public long syncLagMillis() {
    long now = timers.nowMillis();
    long oldest = now;
    for (Slot slot : slots.values()) {
      QuotaPush push = slot.inFlight != null ? slot.inFlight : slot.waiting;
      oldest = Math.min(oldest, effectiveMillis(push.quota()));
    }
    return now - oldest;
  }

  /** The longest time from a quota's effective time to its application seen so far. */
  public long maxSyncLagMillis() {
    return maxSyncLagMillis;
  }

  /** Stops sending; results still arriving are ignored. */
  public void close() {
    closed = true;
    api.close();
  }

  private boolean isUrgent(ChannelQuota quota) {
    return api.maxBatch() == 0
        || quota.quota() < quota.previousQuota()
        || quota.listingPaused()
        || URGENT_REASONS.contains(quota.reason());
  }

  private void enqueue(String sku, Slot slot, boolean urgent) {
    if (slot.queued) {
      return;
    }
    if (urgent) {
      if (slot.batched) {
        tail.remove(sku);
        slot.batched = false;
      }
      slot.queued = true;
      ready.add(sku);
      pump();
    } else if (!slot.batched) {
      slot.batched = true;
      tail.add(sku);
    }
  }

  private void pump() {
    if (closed) {
      return;
    }
    long now = timers.nowMillis();
    while (!ready.isEmpty() && inFlight < settings.maxInFlight()) {
      long wait = Math.max(pausedUntil - now, 0);
      if (wait == 0) {
        wait = api.reserveRequest(now);
      }
      if (wait > 0) {
        schedulePump(now + wait);
        return;
      }
      send(ready.poll());
    }
  }

  private void schedulePump(long atMillis) {
    if (!pumpScheduled) {
      pumpScheduled = true;
      timers.at(
          atMillis,
          () -> {
            pumpScheduled = false;
            pump();
          });
    }
  }

  private void send(String sku) {
    Slot slot = slots.get(sku);
    slot.queued = false;
    QuotaPush push = slot.waiting;
    slot.waiting = null;
    slot.inFlight = push;
    inFlight++;
    requests.inc();
    api.push(push.quota())
        .whenCompleteAsync((result, error) -> completed(push, result, error), timers.thread());
  }

  private void flushTail() {
    if (closed) {
      return;
    }
    long now = timers.nowMillis();
    hotSkus.forgetBefore(now);
    if (!tail.isEmpty() && now >= pausedUntil) {
      long wait = api.reserveRequest(now);
      if (wait > 0) {
        timers.at(now + wait, this::flushTail);
        return;
      }
      sendBatch();
    }
    timers.at(now + settings.batchInterval().toMillis(), this::flushTail);
  }

  private void sendBatch() {
    List<QuotaPush> batch = new ArrayList<>();
    Iterator<String> skus = tail.iterator();
    while (skus.hasNext() && batch.size() < api.maxBatch()) {
      Slot slot = slots.get(skus.next());
      skus.remove();
      slot.batched = false;
      slot.inFlight = slot.waiting;
      slot.waiting = null;
      batch.add(slot.inFlight);
    }
    inFlight++;
    requests.inc();
    api.pushBatch(batch.stream().map(QuotaPush::quota).toList())
        .whenCompleteAsync(
            (results, error) -> {
              inFlight--;
              for (QuotaPush push : batch) {
                PushResult result =
                    results == null
                        ? PushResult.retry("batch failed: " + error)
                        : results.getOrDefault(
                            push.sku(), PushResult.retry("the batch report omits the SKU"));
                settle(push, result);
              }
              pump();
            },
            timers.thread());
  }

  private void completed(QuotaPush push, PushResult result, Throwable error) {
    inFlight--;
    settle(push, result != null ? result : PushResult.retry("request failed: " + error));
    pump();
  }

  private void settle(QuotaPush push, PushResult result) {
    if (closed) {
      return;
    }
    Slot slot = slots.get(push.sku());
    slot.inFlight = null;
    if (result instanceof PushResult.Applied ok) {
      slot.failures = 0;
      recovered();
      applied.inc();
      long lag = Math.max(0, ok.appliedAt().toEpochMilli() - effectiveMillis(push.quota()));
      lastSyncLagMillis = lag;
      maxSyncLagMillis = Math.max(maxSyncLagMillis, lag);
      outcomes.applied(push, ok.appliedAt());
      next(push.sku(), slot);
    } else if (result instanceof PushResult.Refused refused) {
      slot.failures = 0;
      recovered();
      refusals.inc();
      LOG.warn(
          LogEvent.of("quota_refused")
              .with("channel", channel)
              .with("sku", push.sku())
              .with("version", push.version())
              .with("reason", refused.reason())
              .toString());
      outcomes.refused(push, refused.reason());
      next(push.sku(), slot);
    } else {
      retryLater(push, slot, (PushResult.Retry) result);
    }
  }

  private void recovered() {
    if (failingSinceMillis != 0) {
      LOG.info(
          LogEvent.of("channel_recovered")
              .with("channel", channel)
              .with("failingForMs", timers.nowMillis() - failingSinceMillis)
              .toString());
      failingSinceMillis = 0;
    }
  }

  private void retryLater(QuotaPush push, Slot slot, PushResult.Retry retry) {
    retries.inc();
    slot.failures++;
    if (failingSinceMillis == 0) {
      // Once per outage, not per retry: the retries metric counts those.
      failingSinceMillis = timers.nowMillis();
      LOG.warn(
          LogEvent.of("channel_failing")
              .with("channel", channel)
              .with("reason", retry.reason())
              .with("retryAfterMs", retry.retryAfter() == null ? 0 : retry.retryAfter().toMillis())
              .toString());
    }
    if (slot.waiting == null) {
      slot.waiting = push;
    } else {
      superseded.inc();
    }
    long now = timers.nowMillis();
    if (retry.retryAfter() != null) {
      // The channel named its own pause: it applies to the whole account, not to this SKU.
      pausedUntil = Math.max(pausedUntil, now + retry.retryAfter().toMillis());
    }
    slot.notBeforeMillis = now + settings.backoff().delayMillis(slot.failures, retry.retryAfter());
    String sku = push.sku();
    timers.at(
        slot.notBeforeMillis,
        () -> {
          if (slots.get(sku) == slot && slot.inFlight == null && slot.waiting != null) {
            enqueue(sku, slot, true);
          }
        });
  }

  private void next(String sku, Slot slot) {
    if (slot.waiting == null) {
      slots.remove(sku);
    } else {
      enqueue(sku, slot, hotSkus.isHot(sku) || isUrgent(slot.waiting.quota()));
    }
  }

  private static long effectiveMillis(ChannelQuota quota) {
    return quota.effectiveAt().toEpochMilli();
  }

  private static long version(QuotaPush push) {
    return push == null ? 0 : push.version();
  }

  /** Settings a pusher takes from its channel's configuration. */
  public record PushSettings(
      int maxInFlight, Backoff backoff, Duration batchInterval, int hotChanges, Duration hotWindow)
      implements java.io.Serializable {}
}
