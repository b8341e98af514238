package io.flashsale.channels.push;

import io.flashsale.channels.ChannelConfig;
import io.flashsale.channels.ChannelKind;
import io.flashsale.embedded.marketplaces.MarketplaceStandIn;
import io.flashsale.events.ChannelQuota;
import io.flashsale.events.QuotaReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;

/**
 * The three marketplace channels wired to a {@link MarketplaceStandIn}, with secrets in files, and
 * pushers running on one thread of their own, as they do on a task's mailbox.
 */
final class StandInChannels implements AutoCloseable {

  static final MarketplaceStandIn.Credentials CREDENTIALS =
      new MarketplaceStandIn.Credentials(
          "shpat_secret-shop-token",
          "amzn1.application-oa2-client.test",
          "amzn-client-secret-value",
          "Atzr|refresh-token-secret",
          "walmart-client-id",
          "walmart-client-secret-value");

  static final ChannelConfig WEB = channel("web", ChannelKind.DIRECT, "shopify");
  static final ChannelConfig AMAZON = channel("amazon", ChannelKind.MARKETPLACE, "amazon");
  static final ChannelConfig WALMART = channel("walmart", ChannelKind.MARKETPLACE, "walmart");

  final MarketplaceStandIn standIn = MarketplaceStandIn.start(CREDENTIALS);
  final List<String> outcomes = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();
  private final Map<String, String> configuration;

  StandInChannels() {
    try {
      configuration =
          standIn.channelConfiguration(
              Files.createTempDirectory("channel-secrets"),
              IntStream.range(0, 100).mapToObj(i -> "SKU-" + i).toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ChannelConfig channel(String id, ChannelKind kind, String connector) {
    return new ChannelConfig(id, kind, 1.0, 0, Duration.ofHours(1), connector);
  }

  /** The stand-ins' channel configuration with quick retries, plus {@code extra}. */
  Map<String, String> configuration(Map<String, String> extra) {
    Map<String, String> config = new HashMap<>(configuration);
    for (String channel : List.of("web", "amazon", "walmart")) {
      config.put("channel." + channel + ".retry-initial-backoff", "100ms");
      config.put("channel." + channel + ".retry-max-backoff", "1s");
      config.put("channel." + channel + ".request-timeout", "1s");
      config.put("channel." + channel + ".feed-poll-interval", "50ms");
      config.put("channel." + channel + ".batch-interval", "1h");
    }
    config.putAll(extra);
    return config;
  }

  /** A pusher for {@code channel} on the pushers' thread. */
  ChannelPusher pusher(ChannelConfig channel, Map<String, String> extra) {
    ChannelSettings settings = ChannelSettings.of(channel.id(), configuration(extra));
    ChannelApi api =
        ChannelApis.create(channel, settings, name -> null, Clock.systemUTC()).orElseThrow();
    return onThread(
        () ->
            new ChannelPusher(
                api,
                ChannelApis.pushSettings(settings),
                timers(),
                new PushOutcomes() {
                  @Override
                  public void applied(QuotaPush push, Instant at) {
                    outcomes.add("APPLIED " + push.sku() + " v" + push.version());
                  }

                  @Override
                  public void refused(QuotaPush push, String reason) {
                    outcomes.add("REFUSED " + push.sku() + " v" + push.version() + " " + reason);
                  }
                },
                new UnregisteredMetricsGroup(),
                channel));
  }

  void offer(ChannelPusher pusher, QuotaPush... pushes) {
    onThread(
        () -> {
          for (QuotaPush push : pushes) {
            pusher.offer(push);
          }
          return null;
        });
  }

  /** Runs {@code action} on the pushers' thread and returns its result. */
  <T> T onThread(java.util.concurrent.Callable<T> action) {
    try {
      return thread.submit(action).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static QuotaPush quota(String channel, String sku, long version, long quota, long previous) {
    return quota(channel, sku, version, quota, previous, QuotaReason.MANUAL);
  }

  static QuotaPush quota(
      String channel, String sku, long version, long quota, long previous, QuotaReason reason) {
    return new QuotaPush(
        new ChannelQuota(sku, channel, quota, previous, version, reason, quota == 0, Instant.now()),
        "channel.quotas",
        0,
        version);
  }

  private PushTimers timers() {
    return new PushTimers() {
      @Override
      public long nowMillis() {
        return System.currentTimeMillis();
      }

      @Override
      public void at(long timeMillis, Runnable action) {
        thread.schedule(action, Math.max(0, timeMillis - nowMillis()), TimeUnit.MILLISECONDS);
      }

      @Override
      public Executor thread() {
        return thread;
      }
    };
  }

  @Override
  public void close() {
    thread.shutdownNow();
    standIn.close();
  }
}
