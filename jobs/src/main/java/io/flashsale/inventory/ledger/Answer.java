package io.flashsale.inventory.ledger;

import io.flashsale.events.Decision;

/**
 * What the ledger answered to an event, kept to answer a re-sent copy with the same decisions.
 * Stock movements and orders have an empty answer: their duplicates are only recognised.
 */
public record Answer(Decision[] decisions) {

  static final Answer NONE = new Answer(new Decision[0]);
}
