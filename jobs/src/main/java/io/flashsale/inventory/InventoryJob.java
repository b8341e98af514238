package io.flashsale.inventory;

import io.flashsale.channels.Channels;
import io.flashsale.config.JobConfiguration;
import io.flashsale.events.AllocationOverride;
import io.flashsale.events.CartEvent;
import io.flashsale.events.ChannelAck;
import io.flashsale.events.ChannelQuota;
import io.flashsale.events.DeadLetter;
import io.flashsale.events.Decision;
import io.flashsale.events.DemandForecast;
import io.flashsale.events.FbaRecommendation;
import io.flashsale.events.MarketplaceOrder;
import io.flashsale.events.OversellIncident;
import io.flashsale.events.Position;
import io.flashsale.events.SaleEvent;
import io.flashsale.events.StockMovement;
import io.flashsale.inventory.allocation.AllocationConfig;
import io.flashsale.inventory.allocation.DemandWindows;
import io.flashsale.inventory.allocation.SoldUnits;
import io.flashsale.inventory.ledger.LedgerFunction;
import io.flashsale.inventory.ledger.LedgerPolicy;
import io.flashsale.kafka.Inbound;
import io.flashsale.kafka.KafkaConnections;
import io.flashsale.kafka.Outbound;
import io.flashsale.kafka.SplitDeadLetters;
import io.flashsale.kafka.TopicDecoder;
import io.flashsale.kafka.Topics;
import io.flashsale.sales.SalesInput;
import io.flashsale.time.EventTimeStrategy;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * The inventory job: every SKU's ledger of stock, holds, checkouts and marketplace orders, and its
 * channel allocation, in one keyed operator. It reads {@code inventory.stock}, {@code
 * storefront.carts}, {@code marketplace.orders}, {@code channel.acks}, {@code demand.forecasts},
 * {@code allocation.overrides} and {@code sales.calendar}, and writes {@code
 * reservations.decisions}, {@code inventory.positions}, {@code channel.quotas}, {@code
 * oversell.incidents}, {@code fba.recommendations} and {@code deadletter} in one Kafka transaction
 * per checkpoint, so what a consumer reads is never contradicted, also after a crash.
 */
public final class InventoryJob {

  public static final String NAME = "flashsale inventory";

  /** What the ledger produces. */
  public record Outputs(
      DataStream<Decision> decisions,
      DataStream<Position> positions,
      DataStream<OversellIncident> incidents,
      DataStream<ChannelQuota> quotas,
      DataStream<FbaRecommendation> fbaRecommendations) {}

  private InventoryJob() {}

  public static void main(String[] args) throws Exception {
    JobConfiguration.execute(args, NAME, InventoryJob::build);
  }

  /**
   * The ledger and its allocation, on streams of valid events with event time already assigned.
   * Demand windows over the same events, and notices of sales that name SKUs, feed the ledger too.
   */
  public static Outputs defineWorkflow(
      DataStream<LedgerEvent> events,
      DataStream<SaleEvent> sales,
      LedgerPolicy policy,
      AllocationConfig allocation) {
    Channels channels = allocation.channelSet();
    DataStream<SoldUnits> sold =
        events
            .flatMap(
                (LedgerEvent event, Collector<SoldUnits> out) -> {
                  SoldUnits units =
                      event.cart() != null
                          ? DemandWindows.soldBy(event.cart(), channels)
                          : event.order() != null ? DemandWindows.soldBy(event.order()) : null;
                  if (units != null) {
                    out.collect(units);
                  }
                })
            .returns(SoldUnits.class)
            .name("Units sold per channel");
    DataStream<LedgerEvent> demand =
        DemandWindows.samples(
                sold, allocation.policy().demandWindow(), allocation.policy().demandSlide())
            .map(LedgerEvent::of)
            .name("Demand samples to the ledger");
    DataStream<LedgerEvent> saleNotices =
        sales
            .flatMap(
                (SaleEvent sale, Collector<LedgerEvent> out) -> {
                  for (String sku : sale.skus()) {
                    out.collect(LedgerEvent.of(new SaleNotice(sku, sale)));
                  }
                })
            .returns(LedgerEvent.class)
            .name("Sale notices to the SKUs they name");

    SingleOutputStreamOperator<Decision> decisions =
        events
            .union(demand, saleNotices)
            .keyBy(LedgerEvent::sku)
            .connect(sales.broadcast(LedgerFunction.salesDescriptor()))
            .process(new LedgerFunction(policy, allocation))
            .uid("ledger")
            .name("Ledger per SKU: stock, holds, checkouts, orders, quotas");
    return new Outputs(
        decisions,
        decisions.getSideOutput(LedgerFunction.POSITIONS),
        decisions.getSideOutput(LedgerFunction.INCIDENTS),
        decisions.getSideOutput(LedgerFunction.QUOTAS),
        decisions.getSideOutput(LedgerFunction.FBA_RECOMMENDATIONS));
  }

  /** The whole job on Kafka: sources, the ledger, and one exactly-once sink for all outputs. */
  public static void build(StreamExecutionEnvironment env, Configuration config) {
    KafkaConnections kafka = new KafkaConnections(config);
    Topics topics = kafka.topics();
    String groupId = config.get(InventoryOptions.GROUP_ID);

    Map<String, TopicDecoder<LedgerEvent>> ledgerTopics =
        Map.of(
            topics.inventoryStock(),
            TopicDecoder.of(StockMovement.class, LedgerEvent::of),
            topics.storefrontCarts(),
            TopicDecoder.of(CartEvent.class, LedgerEvent::of),
            topics.marketplaceOrders(),
            TopicDecoder.of(MarketplaceOrder.class, LedgerEvent::of),
            topics.channelAcks(),
            TopicDecoder.of(ChannelAck.class, LedgerEvent::of),
            topics.demandForecasts(),
            TopicDecoder.of(DemandForecast.class, LedgerEvent::of),
            topics.allocationOverrides(),
            TopicDecoder.of(AllocationOverride.class, LedgerEvent::of));
    SingleOutputStreamOperator<LedgerEvent> events =
        env.fromSource(
                kafka.source(
                    groupId,
                    ledgerTopics,
                    TypeInformation.of(new TypeHint<Inbound<LedgerEvent>>() {})),
                EventTimeStrategy.of(config),
                "Kafka: stock, carts, orders, acks, forecasts, overrides")
            .uid("source-ledger-events")
            .process(new SplitDeadLetters<>())
            .uid("dead-letters-ledger-events")
            .name("Valid ledger events");

    SingleOutputStreamOperator<SaleEvent> sales = SalesInput.read(env, kafka, groupId);

    Outputs outputs =
        defineWorkflow(
            events, sales, InventoryOptions.policy(config), InventoryOptions.allocation(config));

    DataStream<DeadLetter> deadLetters =
        events
            .getSideOutput(SplitDeadLetters.DEAD_LETTERS)
            .union(sales.getSideOutput(SplitDeadLetters.DEAD_LETTERS));
    outputs
        .decisions()
        .map(d -> Outbound.json(topics.reservationsDecisions(), d.sku(), d, d.decidedAt()))
        .name("Decisions as JSON")
        .union(
            outputs
                .positions()
                .map(p -> Outbound.json(topics.inventoryPositions(), p.key(), p, p.updatedAt()))
                .name("Positions as JSON"),
            outputs
                .incidents()
                .map(i -> Outbound.json(topics.oversellIncidents(), i.sku(), i, i.detectedAt()))
                .name("Incidents as JSON"),
            outputs
                .quotas()
                .map(q -> Outbound.json(topics.channelQuotas(), q.key(), q, q.effectiveAt()))
                .name("Quotas as JSON"),
            outputs
                .fbaRecommendations()
                .map(f -> Outbound.json(topics.fbaRecommendations(), f.sku(), f, f.generatedAt()))
                .name("FBA advice as JSON"),
            deadLetters
                .map(d -> Outbound.json(topics.deadLetter(), d.sourceTopic(), d, d.processedAt()))
                .name("Dead letters as JSON"))
        .sinkTo(
            kafka.exactlyOnceSink(
                groupId,
                List.of(
                    topics.reservationsDecisions(),
                    topics.inventoryPositions(),
                    topics.oversellIncidents(),
                    topics.channelQuotas(),
                    topics.fbaRecommendations(),
                    topics.deadLetter())))
        .uid("sink-kafka")
        .name("Kafka, exactly once: decisions, positions, incidents, quotas, advice, dead letters");
  }
}
