package io.flashsale.inventory.ledger;

import io.flashsale.channels.ChannelConfig;
import io.flashsale.channels.ChannelKind;
import io.flashsale.events.CartEvent;
import io.flashsale.events.ChannelQuota;
import io.flashsale.events.Decision;
import io.flashsale.events.DecisionReason;
import io.flashsale.events.DecisionStatus;
import io.flashsale.events.FbaRecommendation;
import io.flashsale.events.OversellIncident;
import io.flashsale.events.Position;
import io.flashsale.events.SaleEvent;
import io.flashsale.inventory.LedgerEvent;
import io.flashsale.inventory.allocation.AllocationConfig;
import io.flashsale.logging.LogEvent;
import io.flashsale.sales.SaleCalendar;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hosts each SKU's {@link SkuLedger}, keyed by SKU, with the sales calendar broadcast beside it.
 * Decisions are the main output; positions, quotas, oversell incidents and FBA advice are side
 * outputs.
 */
public final class LedgerFunction
    extends KeyedBroadcastProcessFunction<String, LedgerEvent, SaleEvent, Decision>
    implements CheckpointedFunction {

  public static final OutputTag<Position> POSITIONS =
      new OutputTag<>("positions", TypeInformation.of(Position.class));
  public static final OutputTag<OversellIncident> INCIDENTS =
      new OutputTag<>("oversell-incidents", TypeInformation.of(OversellIncident.class));
  public static final OutputTag<ChannelQuota> QUOTAS =
      new OutputTag<>("channel-quotas", TypeInformation.of(ChannelQuota.class));
  public static final OutputTag<FbaRecommendation> FBA_RECOMMENDATIONS =
      new OutputTag<>("fba-recommendations", TypeInformation.of(FbaRecommendation.class));

  private static final Logger LOG = LoggerFactory.getLogger(LedgerFunction.class);

  private final LedgerPolicy policy;
  private final AllocationConfig allocation;

  private transient SkuLedger ledger;
  private transient ContextOutput output;
  private transient LedgerTotals totals;
  private transient ListState<LedgerTotals> checkpointedTotals;

  public LedgerFunction(LedgerPolicy policy, AllocationConfig allocation) {
    this.policy = policy;
    this.allocation = allocation;
  }

  /** The broadcast state the sales calendar lives in. */
  public static MapStateDescriptor<String, SaleEvent> salesDescriptor() {
    return SaleCalendar.DESCRIPTOR;
  }

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    checkpointedTotals =
        context
            .getOperatorStateStore()
            .getListState(
                new ListStateDescriptor<>("ledger-totals", TypeInformation.of(LedgerTotals.class)));
    // After a rescale a subtask may get several subtasks' totals, or none: their sum stays exact.
    totals = new LedgerTotals();
    for (LedgerTotals restored : checkpointedTotals.get()) {
      totals.add(restored);
    }
    if (context.isRestored()) {
      LOG.info(
          LogEvent.of("ledger_restored")
              .with("subtask", getRuntimeContext().getTaskInfo().getIndexOfThisSubtask())
              .with("holds", totals.holds)
              .with("unitsHeld", totals.unitsHeld)
              .toString());
    }
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) throws Exception {
    checkpointedTotals.update(List.of(totals));
  }

  @Override
  public void open(OpenContext openContext) {
    ledger = new SkuLedger(new LedgerState(getRuntimeContext()), policy, allocation);
    List<String> marketplaces =
        allocation.channelSet().ofKind(ChannelKind.MARKETPLACE).stream()
            .map(ChannelConfig::id)
            .toList();
    output =
        new ContextOutput(
            new LedgerMetrics(getRuntimeContext().getMetricGroup(), totals, marketplaces));
  }

  /** What this subtask's gauges show. */
  LedgerTotals totals() {
    return totals;
  }

  /** The policy's hold terms, or those a sale in effect for the cart event sets. */
  private HoldTerms holdTerms(ReadOnlyBroadcastState<String, SaleEvent> sales, CartEvent cart)
      throws Exception {
    Integer ttlSeconds = SaleCalendar.settingFor(sales, cart, SaleEvent::holdTtlSeconds);
    Integer limit = SaleCalendar.settingFor(sales, cart, SaleEvent::holdLimitPerCustomer);
    return new HoldTerms(
        ttlSeconds != null ? ttlSeconds * 1000L : policy.defaultHoldTtl().toMillis(),
        limit != null ? limit : policy.holdLimitPerCustomer());
  }

  @Override
  public void processElement(LedgerEvent event, ReadOnlyContext context, Collector<Decision> out)
      throws Exception {
    output.bind(context, out);
    if (event.cart() != null) {
      CartEvent cart = event.cart();
      ledger.onCart(
          cart,
          holdTerms(context.getBroadcastState(SaleCalendar.DESCRIPTOR), cart),
          allocation.channelSet().isDirect(cart.channel()),
          output);
    } else if (event.stock() != null) {
      ledger.onStock(event.stock(), output);
    } else if (event.order() != null) {
      ledger.onOrder(event.order(), output);
    } else if (event.ack() != null) {
      ledger.onAck(event.ack(), output);
    } else if (event.forecast() != null) {
      ledger.onForecast(event.forecast(), output);
    } else if (event.demand() != null) {
      ledger.onDemand(event.demand(), output);
    } else if (event.override() != null) {
      ledger.onOverride(event.override(), output);
    } else {
      ledger.onSaleNotice(event.saleNotice(), output);
    }
  }

  @Override
  public void processBroadcastElement(SaleEvent sale, Context context, Collector<Decision> out)
      throws Exception {
    SaleCalendar.record(
        context.getBroadcastState(SaleCalendar.DESCRIPTOR),
        sale,
        context.currentWatermark(),
        policy.duplicateHorizon());
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<Decision> out)
      throws Exception {
    output.bind(context, out);
    ledger.onTime(context.getCurrentKey(), timestamp, output);
  }

  /** Sends the ledger's results to the operator's outputs; rebound for every call. */
  private static final class ContextOutput implements LedgerContext {
    private final LedgerMetrics metrics;
    private ReadOnlyContext context;
    private Collector<Decision> decisions;

    ContextOutput(LedgerMetrics metrics) {
      this.metrics = metrics;
    }

    void bind(ReadOnlyContext context, Collector<Decision> decisions) {
      this.context = context;
      this.decisions = decisions;
    }

    @Override
    public void decision(Decision decision) {
      metrics.count(decision);
      if (decision.reason() == DecisionReason.CHECKOUT_REJECTED) {
        LOG.warn(
            LogEvent.of("checkout_rejected_after_hold")
                .with("sku", decision.sku())
                .with("holdId", decision.holdId())
                .with("units", decision.quantity())
                .toString());
      }
      decisions.collect(decision);
    }

    @Override
    public void position(Position position) {
      context.output(POSITIONS, position);
    }

    @Override
    public void incident(OversellIncident incident) {
      metrics.count(incident);
      LOG.error(
          LogEvent.of("oversell_incident")
              .with("sku", incident.sku())
              .with("channel", incident.channel())
              .with("orderId", incident.orderId())
              .with("shortBy", incident.shortBy())
              .toString());
      context.output(INCIDENTS, incident);
    }

    @Override
    public void quota(ChannelQuota quota) {
      metrics.count(quota);
      if (quota.listingPaused()) {
        LOG.info(
            LogEvent.of("listing_paused")
                .with("sku", quota.sku())
                .with("channel", quota.channel())
                .with("reason", quota.reason())
                .toString());
      }
      context.output(QUOTAS, quota);
    }

    @Override
    public void fbaRecommendation(FbaRecommendation recommendation) {
      context.output(FBA_RECOMMENDATIONS, recommendation);
    }

    @Override
    public void wakeUpAt(long eventTime) {
      context.timerService().registerEventTimeTimer(eventTime);
    }

    @Override
    public void holdGranted(Hold hold) {
      metrics.holdGranted(hold);
    }

    @Override
    public void holdEnded(Hold hold, DecisionStatus outcome, long time) {
      metrics.holdEnded(hold, outcome, time);
    }

    @Override
    public void exposureMoved(String channel, long units) {
      metrics.exposureMoved(channel, units);
    }

    @Override
    public List<SaleEvent> salesInEffect(String sku, long time) throws Exception {
      return SaleCalendar.inEffectFor(
          context.getBroadcastState(SaleCalendar.DESCRIPTOR), sku, time);
    }
  }
}
