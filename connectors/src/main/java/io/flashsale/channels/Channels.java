package io.flashsale.channels;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The configured channels, in configuration order. */
public final class Channels implements Serializable {

  private final Map<String, ChannelConfig> byId = new LinkedHashMap<>();

  public Channels(List<ChannelConfig> channels) {
    for (ChannelConfig channel : channels) {
      if (byId.put(channel.id(), channel) != null) {
        throw new IllegalArgumentException("channel '" + channel.id() + "' is configured twice");
      }
    }
  }

  public boolean isDirect(String channel) {
    return kindOf(channel).orElse(null) == ChannelKind.DIRECT;
  }

  public Optional<ChannelKind> kindOf(String channel) {
    return get(channel).map(ChannelConfig::kind);
  }

  public Optional<ChannelConfig> get(String channel) {
    return Optional.ofNullable(byId.get(channel));
  }

  public List<ChannelConfig> all() {
    return List.copyOf(byId.values());
  }

  /** The channels of one kind, in configuration order. */
  public List<ChannelConfig> ofKind(ChannelKind kind) {
    return byId.values().stream().filter(c -> c.kind() == kind).toList();
  }
}
