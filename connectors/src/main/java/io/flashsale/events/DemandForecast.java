package io.flashsale.events;

import java.time.Instant;

/**
 * {@code demand.forecasts} (key: sku): a forecast from an external model. While valid, it replaces
 * the built-in forecast for its SKU and channel. Its event time is {@code validFrom}.
 */
public record DemandForecast(
    String eventId,
    String sku,
    String channel,
    Double unitsPerHour,
    Instant validFrom,
    Instant validTo,
    String source)
    implements InputEvent {

  @Override
  public Instant eventTime() {
    return validFrom;
  }

  @Override
  public void validate() {
    Rules.text("eventId", eventId);
    Rules.id("sku", sku);
    Rules.id("channel", channel);
    Rules.present("unitsPerHour", unitsPerHour);
    Rules.optionalRange("unitsPerHour", unitsPerHour, 0, 1e9);
    Rules.before("validFrom", validFrom, "validTo", validTo);
    Rules.text("source", source);
  }
}
