package io.flashsale.channels.push;

import io.flashsale.channels.ChannelConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Builds the API a channel's quotas are pushed through, from its {@code connector}. */
public final class ChannelApis {

  /** The connectors that push over HTTP; {@code kafka} and {@code none} channels are not pushed. */
  public static final Set<String> PUSHED = Set.of("shopify", "amazon", "walmart");

  private ChannelApis() {}

  public static boolean isPushed(ChannelConfig channel) {
    return PUSHED.contains(channel.connector());
  }

  /** The channel's API, or empty for a channel whose quotas stay on the topic. */
  public static Optional<ChannelApi> create(
      ChannelConfig channel,
      ChannelSettings settings,
      Function<String, String> environment,
      Clock clock) {
    if (!isPushed(channel)) {
      return Optional.empty();
    }
    MarketplaceHttp http =
        new MarketplaceHttp(
            settings.duration("connect-timeout", Duration.ofSeconds(5)),
            settings.duration("request-timeout", Duration.ofSeconds(10)));
    return Optional.of(
        switch (channel.connector()) {
          case "shopify" ->
              new ShopifyApi(settings, http, settings.secret("access-token", environment), clock);
          case "amazon" -> new AmazonListingsApi(settings, http, environment, clock);
          default -> new WalmartInventoryApi(settings, http, environment, clock);
        });
  }

  /** How the channel's quotas are paced, retried and batched. */
  public static ChannelPusher.PushSettings pushSettings(ChannelSettings settings) {
    return new ChannelPusher.PushSettings(
        settings.integer("max-in-flight", 8),
        new Backoff(
            settings.duration("retry-initial-backoff", Duration.ofMillis(500)),
            settings.duration("retry-max-backoff", Duration.ofMinutes(1))),
        settings.duration("batch-interval", Duration.ofMinutes(5)),
        settings.integer("hot-changes", 3),
        settings.duration("hot-window", Duration.ofMinutes(15)));
  }
}
