package io.flashsale.events;

import java.time.Instant;
import java.util.List;

/**
 * {@code sales.calendar} (key: saleId): a flash sale or promotion on one channel. STARTED and ENDED
 * carry the actual times, which replace the scheduled ones.
 */
public record SaleEvent(
    String eventId,
    String saleId,
    SaleEventType type,
    String channel,
    List<String> skus,
    Double expectedLift,
    Double bufferPercent,
    Integer holdTtlSeconds,
    Integer holdLimitPerCustomer,
    Double discountPercent,
    String budget,
    Instant startsAt,
    Instant endsAt,
    Instant occurredAt)
    implements InputEvent {

  /** A sale may not hold carts for longer than a day. */
  public static final int MAX_HOLD_TTL_SECONDS = 86_400;

  @Override
  public Instant eventTime() {
    return occurredAt;
  }

  /** Whether the sale covers this SKU: an empty list means every SKU. */
  public boolean covers(String sku) {
    return skus.isEmpty() || skus.contains(sku);
  }

  /** Whether an event at {@code time} falls in {@code [startsAt, endsAt)}. */
  public boolean runsAt(Instant time) {
    return !time.isBefore(startsAt) && time.isBefore(endsAt);
  }

  @Override
  public void validate() {
    Rules.text("eventId", eventId);
    Rules.id("saleId", saleId);
    Rules.present("type", type);
    Rules.id("channel", channel);
    Rules.ids("skus", skus);
    Rules.optionalRange("expectedLift", expectedLift, 0, 1_000);
    Rules.optionalRange("bufferPercent", bufferPercent, 0, 100);
    Rules.optionalPositive("holdTtlSeconds", holdTtlSeconds);
    if (holdTtlSeconds != null && holdTtlSeconds > MAX_HOLD_TTL_SECONDS) {
      throw new InvalidEventException(
          "field 'holdTtlSeconds' must be at most " + MAX_HOLD_TTL_SECONDS);
    }
    Rules.optionalPositive("holdLimitPerCustomer", holdLimitPerCustomer);
    Rules.optionalRange("discountPercent", discountPercent, 0, 100);
    Rules.optionalDecimal("budget", budget);
    Rules.before("startsAt", startsAt, "endsAt", endsAt);
    Rules.present("occurredAt", occurredAt);
  }
}
