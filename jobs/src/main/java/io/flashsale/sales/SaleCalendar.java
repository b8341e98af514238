package io.flashsale.sales;

import io.flashsale.events.CartEvent;
import io.flashsale.events.SaleEvent;
import io.flashsale.events.SaleEventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The sales on the calendar, broadcast to every subtask: each sale's latest record, with the
 * optional settings of earlier records carried forward (a STARTED record need not repeat the TTL
 * its SCHEDULED record set). Every job that asks "is a sale in effect for this event" asks here.
 */
public final class SaleCalendar {

  public static final MapStateDescriptor<String, SaleEvent> DESCRIPTOR =
      new MapStateDescriptor<>("sales", Types.STRING, TypeInformation.of(SaleEvent.class));

  private SaleCalendar() {}

  /**
   * Records a sale event. The latest record by event time wins; sales that ended longer than {@code
   * retention} before the watermark are dropped.
   */
  public static void record(
      BroadcastState<String, SaleEvent> sales, SaleEvent event, long watermark, Duration retention)
      throws Exception {
    SaleEvent current = sales.get(event.saleId());
    if (current == null) {
      sales.put(event.saleId(), event);
    } else if (!event.occurredAt().isBefore(current.occurredAt())) {
      sales.put(event.saleId(), carryForward(current, event));
    }
    List<String> ended = new ArrayList<>();
    for (Map.Entry<String, SaleEvent> sale : sales.entries()) {
      if (sale.getValue().endsAt().toEpochMilli() + retention.toMillis() < watermark) {
        ended.add(sale.getKey());
      }
    }
    for (String saleId : ended) {
      sales.remove(saleId);
    }
  }

  /**
   * A sale's setting for a cart event (its hold TTL, say): that of the sale in effect for the event
   * that started last among those that set it, or null when none does.
   */
  public static <T> T settingFor(
      ReadOnlyBroadcastState<String, SaleEvent> sales,
      CartEvent cart,
      Function<SaleEvent, T> setting)
      throws Exception {
    SaleEvent chosen = null;
    for (Map.Entry<String, SaleEvent> entry : sales.immutableEntries()) {
      SaleEvent sale = entry.getValue();
      if (inEffect(sale, cart.channel(), cart.sku(), cart.occurredAt())
          && setting.apply(sale) != null
          && startsLater(sale, chosen)) {
        chosen = sale;
      }
    }
    return chosen == null ? null : setting.apply(chosen);
  }

  /** The sales in effect for {@code sku} at {@code time}, on any channel. */
  public static List<SaleEvent> inEffectFor(
      ReadOnlyBroadcastState<String, SaleEvent> sales, String sku, long time) throws Exception {
    List<SaleEvent> inEffect = new ArrayList<>();
    Instant at = Instant.ofEpochMilli(time);
    for (Map.Entry<String, SaleEvent> entry : sales.immutableEntries()) {
      SaleEvent sale = entry.getValue();
      if (inEffect(sale, sale.channel(), sku, at)) {
        inEffect.add(sale);
      }
    }
    return inEffect;
  }

  /**
   * Whether any sale is in effect for an event on {@code channel} and {@code sku} at {@code time}.
   */
  public static boolean anyInEffect(
      ReadOnlyBroadcastState<String, SaleEvent> sales, String channel, String sku, Instant time)
      throws Exception {
    for (Map.Entry<String, SaleEvent> entry : sales.immutableEntries()) {
      if (inEffect(entry.getValue(), channel, sku, time)) {
        return true;
      }
    }
    return false;
  }

  /** The contract's rule: not cancelled, the event's channel and SKU, its time in the sale. */
  private static boolean inEffect(SaleEvent sale, String channel, String sku, Instant time) {
    return sale.type() != SaleEventType.CANCELLED
        && sale.channel().equals(channel)
        && sale.covers(sku)
        && sale.runsAt(time);
  }

  private static boolean startsLater(SaleEvent sale, SaleEvent than) {
    if (than == null) {
      return true;
    }
    int byStart = sale.startsAt().compareTo(than.startsAt());
    return byStart > 0 || (byStart == 0 && sale.saleId().compareTo(than.saleId()) > 0);
  }

  private static SaleEvent carryForward(SaleEvent previous, SaleEvent next) {
    return new SaleEvent(
        next.eventId(),
        next.saleId(),
        next.type(),
        next.channel(),
        next.skus(),
        orElse(next.expectedLift(), previous.expectedLift()),
        orElse(next.bufferPercent(), previous.bufferPercent()),
        orElse(next.holdTtlSeconds(), previous.holdTtlSeconds()),
        orElse(next.holdLimitPerCustomer(), previous.holdLimitPerCustomer()),
        orElse(next.discountPercent(), previous.discountPercent()),
        orElse(next.budget(), previous.budget()),
        next.startsAt(),
        next.endsAt(),
        next.occurredAt());
  }

  private static <T> T orElse(T value, T fallback) {
    return value != null ? value : fallback;
  }
}
