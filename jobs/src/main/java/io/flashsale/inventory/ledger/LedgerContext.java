package io.flashsale.inventory.ledger;

import io.flashsale.events.ChannelQuota;
import io.flashsale.events.Decision;
import io.flashsale.events.DecisionStatus;
import io.flashsale.events.FbaRecommendation;
import io.flashsale.events.OversellIncident;
import io.flashsale.events.Position;
import io.flashsale.events.SaleEvent;
import java.util.List;

/** Where the ledger's results go, how it sets timers, and what it sees of the sales calendar. */
interface LedgerContext {
  void decision(Decision decision);

  void position(Position position);

  void incident(OversellIncident incident);

  void quota(ChannelQuota quota);

  void fbaRecommendation(FbaRecommendation recommendation);

  void wakeUpAt(long eventTime);

  void holdGranted(Hold hold);

  /** A hold ended at event time {@code time}: COMMITTED, RELEASED or EXPIRED. */
  void holdEnded(Hold hold, DecisionStatus outcome, long time);

  /** What a marketplace may still sell of this SKU moved by {@code units}. */
  void exposureMoved(String channel, long units);

  /** The sales in effect for this SKU at {@code time}, on any channel. */
  List<SaleEvent> salesInEffect(String sku, long time) throws Exception;
}
