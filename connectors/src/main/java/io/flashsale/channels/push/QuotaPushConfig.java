package io.flashsale.channels.push;

import io.flashsale.channels.ChannelConfig;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What the push operator needs: the channels, their connector settings (no secrets: those are read
 * where the operator runs) and the topics it writes.
 */
public record QuotaPushConfig(
    List<ChannelConfig> channels,
    Map<String, ChannelSettings> channelSettings,
    String acksTopic,
    String deadLetterTopic)
    implements Serializable {

  public QuotaPushConfig {
    channels = List.copyOf(channels);
    channelSettings = Map.copyOf(channelSettings);
  }

  /** Builds it from the job's configuration entries. */
  public static QuotaPushConfig of(
      List<ChannelConfig> channels,
      Map<String, String> configuration,
      String acksTopic,
      String deadLetterTopic) {
    Map<String, ChannelSettings> settings = new java.util.HashMap<>();
    channels.forEach(c -> settings.put(c.id(), ChannelSettings.of(c.id(), configuration)));
    return new QuotaPushConfig(channels, settings, acksTopic, deadLetterTopic);
  }

  ChannelSettings settings(String channel) {
    return channelSettings.getOrDefault(channel, new ChannelSettings(channel, Map.of()));
  }
}
