package io.flashsale.channels;

/** How a channel sells the brand's stock. */
public enum ChannelKind {
  /** The own store: every unit is held and committed through the ledger in real time. */
  DIRECT,
  /** A marketplace selling against a published quota, reporting its orders later. */
  MARKETPLACE,
  /** Units inside Amazon's warehouses: a separate pool that is never reallocated. */
  FBA
}
