package io.flashsale.channels;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configured channels, by id. Written as {@code id:KIND} pairs separated by commas, for example
 * {@code web:DIRECT,amazon:MARKETPLACE,walmart:MARKETPLACE,amazon-fba:FBA} (the default).
 */
public final class Channels implements Serializable {

  public static final String DEFAULT =
      "web:DIRECT,amazon:MARKETPLACE,walmart:MARKETPLACE,amazon-fba:FBA";

  private final Map<String, ChannelKind> kinds;

  private Channels(Map<String, ChannelKind> kinds) {
    this.kinds = kinds;
  }

  public static Channels parse(String spec) {
    Map<String, ChannelKind> kinds = new LinkedHashMap<>();
    for (String entry : spec.split(",")) {
      String[] idAndKind = entry.trim().split(":");
      if (idAndKind.length != 2 || idAndKind[0].isBlank()) {
        throw new IllegalArgumentException(
            "a channel is written id:KIND (KIND one of DIRECT, MARKETPLACE, FBA), got '"
                + entry
                + "'");
      }
      ChannelKind kind = ChannelKind.valueOf(idAndKind[1].trim());
      if (kinds.put(idAndKind[0].trim(), kind) != null) {
        throw new IllegalArgumentException("channel '" + idAndKind[0] + "' is configured twice");
      }
    }
    return new Channels(kinds);
  }

  public boolean isDirect(String channel) {
    return kinds.get(channel) == ChannelKind.DIRECT;
  }

  public Map<String, ChannelKind> kinds() {
    return Map.copyOf(kinds);
  }
}
