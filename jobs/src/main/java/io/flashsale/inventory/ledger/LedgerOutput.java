package io.flashsale.inventory.ledger;

import io.flashsale.events.Decision;
import io.flashsale.events.OversellIncident;
import io.flashsale.events.Position;

/** Where the ledger's results go, and how it asks to be woken up at an event time. */
interface LedgerOutput {
  void decision(Decision decision);

  void position(Position position);

  void incident(OversellIncident incident);

  void wakeUpAt(long eventTime);
}
