package io.flashsale.inventory.ledger;

import io.flashsale.events.Pool;

/**
 * A shipment or cancellation that arrived before the commitment of its order, waiting for it (up to
 * the order wait of the policy).
 */
public record ParkedMovement(Kind kind, int quantity, Pool pool, long occurredAt) {

  public enum Kind {
    SHIPMENT,
    CANCELLATION
  }
}
