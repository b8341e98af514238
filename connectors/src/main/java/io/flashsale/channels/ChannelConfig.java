package io.flashsale.channels;

import java.io.Serializable;
import java.time.Duration;

/**
 * A sales channel.
 *
 * @param weight how strongly the channel is preferred when stock is split (the own store more)
 * @param minUnits units the channel keeps while it sells at all, to cover orders in progress
 * @param maxSyncLag how late the channel may apply a quota or report an order; until then an old
 *     quota still counts as exposed
 * @param connector which connector pushes its quotas (shopify, amazon, walmart, kafka, none)
 */
public record ChannelConfig(
    String id, ChannelKind kind, double weight, int minUnits, Duration maxSyncLag, String connector)
    implements Serializable {

  public ChannelConfig {
    if (id == null || kind == null || weight < 0 || minUnits < 0 || maxSyncLag == null) {
      throw new IllegalArgumentException(
          "a channel needs an id, a kind, a weight >= 0, minUnits >= 0 and a maxSyncLag: " + id);
    }
  }

  /**
   * Whether the channel's APPLIED acks say when it applied a quota. Amazon and Walmart take an
   * update and apply it later, up to the channel's maxSyncLag after its publication; their
   * connectors ack when the update is accepted, which does not show when the channel stopped
   * selling its old quota. A Kafka bridge acks what it applied; Shopify applies at once.
   */
  public boolean acksConfirmApplication() {
    return !"amazon".equals(connector) && !"walmart".equals(connector);
  }
}
