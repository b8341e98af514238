package io.flashsale.inventory.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * Orders to look at again at one minute of event time: a deadline of a parked movement, or a purge.
 */
public final class OrderAgenda {
  public List<String> orderIds = new ArrayList<>();
}
