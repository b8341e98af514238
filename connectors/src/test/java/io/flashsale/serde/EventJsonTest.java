package io.flashsale.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flashsale.events.CartEvent;
import io.flashsale.events.CartEventType;
import io.flashsale.events.ChannelAck;
import io.flashsale.events.Decision;
import io.flashsale.events.DecisionReason;
import io.flashsale.events.DecisionStatus;
import io.flashsale.events.DemandForecast;
import io.flashsale.events.InvalidEventException;
import io.flashsale.events.MarketplaceOrder;
import io.flashsale.events.Pool;
import io.flashsale.events.Position;
import io.flashsale.events.SaleEvent;
import io.flashsale.events.StockKind;
import io.flashsale.events.StockMovement;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventJsonTest {

  private static final String STOCK =
      """
      {"eventId":"e1","sku":"SKU-1","pool":"MAIN","kind":"RECEIVED","quantity":5,\
      "occurredAt":"2026-11-27T10:00:00.000Z"}""";

  private static StockMovement stock(String json) {
    return EventJson.decode(json.getBytes(StandardCharsets.UTF_8), StockMovement.class);
  }

  private static String stockWith(String field, String rawValue) {
    return STOCK.replaceFirst("\"" + field + "\":[^,}]*", "\"" + field + "\":" + rawValue);
  }

  private static String reasonFor(String json) {
    try {
      stock(json);
    } catch (InvalidEventException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected " + json + " to be rejected");
  }

  @Test
  void shouldReadAValidStockMovement() {
    assertThat(stock(STOCK))
        .isEqualTo(
            new StockMovement(
                "e1",
                "SKU-1",
                Pool.MAIN,
                StockKind.RECEIVED,
                5,
                null,
                Instant.parse("2026-11-27T10:00:00Z")));
  }

  @Test
  void shouldIgnoreUnknownFields() {
    assertThat(stock(STOCK.replace("{", "{\"futureField\":{\"a\":[1,2]},")).sku())
        .isEqualTo("SKU-1");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "2026-11-27T10:00:00Z|2026-11-27T10:00:00.000Z",
        "2026-11-27T10:00:00.1Z|2026-11-27T10:00:00.100Z",
        "2026-11-27T10:00:00.123456789Z|2026-11-27T10:00:00.123Z",
        "2026-11-27T23:59:59.999999Z|2026-11-27T23:59:59.999Z"
      })
  void shouldAcceptZeroToNineFractionDigitsAndWriteExactlyThree(String input, String output) {
    Instant time = stock(stockWith("occurredAt", "\"" + input + "\"")).occurredAt();
    assertThat(EventTimes.format(time)).isEqualTo(output);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"yesterday\"|field 'occurredAt'",
        "\"2026-11-27T10:00:00.0000000000Z\"|field 'occurredAt'",
        "\"2026-11-27T10:00:00+01:00\"|field 'occurredAt'",
        "\"2026-11-27 10:00:00Z\"|field 'occurredAt'",
        "\"2026-02-30T10:00:00Z\"|field 'occurredAt'",
        "1764237600000|field 'occurredAt'",
      })
  void shouldRejectTimesThatAreNotIsoUtc(String raw, String reason) {
    assertThat(reasonFor(stockWith("occurredAt", raw))).startsWith(reason);
  }

  @Test
  void shouldNameTheMissingField() {
    assertThat(reasonFor(STOCK.replace("\"quantity\":5,", "")))
        .isEqualTo("missing field 'quantity'");
    assertThat(reasonFor(STOCK.replace("\"sku\":\"SKU-1\",", ""))).isEqualTo("missing field 'sku'");
    assertThat(reasonFor(stockWith("eventId", "null"))).isEqualTo("missing field 'eventId'");
  }

  @Test
  void shouldRejectMistypedFieldsInsteadOfCoercingThem() {
    assertThat(reasonFor(stockWith("quantity", "\"5\""))).startsWith("field 'quantity'");
    assertThat(reasonFor(stockWith("quantity", "5.5"))).startsWith("field 'quantity'");
    assertThat(reasonFor(stockWith("quantity", "true"))).startsWith("field 'quantity'");
    assertThat(reasonFor(stockWith("sku", "42"))).startsWith("field 'sku'");
    assertThat(reasonFor(stockWith("sku", "{}"))).startsWith("field 'sku'");
    assertThat(reasonFor(stockWith("quantity", "99999999999"))).startsWith("field 'quantity'");
  }

  @Test
  void shouldRejectUnknownEnumValuesListingTheAllowedOnes() {
    assertThat(reasonFor(stockWith("pool", "\"WAREHOUSE\"")))
        .isEqualTo("field 'pool': unknown value WAREHOUSE, expected one of MAIN, FBA");
    assertThat(reasonFor(stockWith("kind", "1"))).startsWith("field 'kind'");
    assertThat(reasonFor(stockWith("kind", "\"\""))).startsWith("field 'kind'");
  }

  @Test
  void shouldRejectQuantitiesThatBreakTheirKindsRule() {
    assertThat(reasonFor(stockWith("quantity", "-3")))
        .isEqualTo("field 'quantity' must be a positive integer, got -3");
    assertThat(reasonFor(stockWith("quantity", "0")))
        .isEqualTo("field 'quantity' must be a positive integer, got 0");
    assertThat(stock(stockWith("quantity", "-3").replace("RECEIVED", "ADJUSTED")).quantity())
        .isEqualTo(-3);
    assertThat(reasonFor(stockWith("quantity", "0").replace("RECEIVED", "ADJUSTED")))
        .contains("must not be 0");
    assertThat(stock(stockWith("quantity", "0").replace("RECEIVED", "COUNTED")).quantity())
        .isZero();
    assertThat(reasonFor(stockWith("quantity", "-1").replace("RECEIVED", "COUNTED")))
        .isEqualTo("field 'quantity' must be at least 0, got -1");
    assertThat(reasonFor(STOCK.replace("RECEIVED", "SHIPPED")))
        .isEqualTo("missing field 'orderId'");
  }

  @ParameterizedTest
  @CsvSource({
    "''",
    "'SKU 1'",
    "'SKU/1'",
    "'ÄÖÜ'",
    "'0123456789012345678901234567890123456789012345678901234567890123456789'"
  })
  void shouldRejectIdsOutsideThePattern(String sku) {
    assertThat(reasonFor(stockWith("sku", "\"" + sku + "\"")))
        .startsWith("field 'sku' must be 1-64 characters of [A-Za-z0-9._:-]");
  }

  @Test
  void shouldRejectMalformedJson() {
    assertThat(reasonFor("{\"eventId\":")).startsWith("malformed JSON");
    assertThat(reasonFor("not json")).startsWith("malformed JSON");
    assertThat(reasonFor(STOCK + " trailing")).startsWith("malformed JSON");
    assertThat(reasonFor(STOCK.replace("{", "{\"sku\":\"A\","))).startsWith("malformed JSON");
    assertThat(reasonFor("[1,2]")).isEqualTo("the record must be a JSON object");
    assertThat(reasonFor("null")).isEqualTo("the record is JSON null, not an object");
    assertThat(reasonFor("")).isNotBlank();
  }

  @Test
  void shouldRejectDeeplyNestedJson() {
    String nested = "[".repeat(10_000) + "]".repeat(10_000);
    assertThat(reasonFor(STOCK.replace("{", "{\"junk\":" + nested + ",")))
        .startsWith("JSON over a parsing limit: Document nesting depth (17) exceeds");
  }

  @Test
  void shouldRequireAnOrderIdOnlyForCheckouts() {
    String hold =
        """
        {"eventId":"c1","type":"HOLD_REQUESTED","channel":"web","sku":"SKU-1","quantity":1,\
        "holdId":"h1","cartId":"cart1","customerId":"cust1","couponCodes":["A","B"],\
        "unitPrice":"19.99","occurredAt":"2026-11-27T10:00:00.000Z"}""";
    CartEvent event = EventJson.decode(hold.getBytes(StandardCharsets.UTF_8), CartEvent.class);
    assertThat(event.type()).isEqualTo(CartEventType.HOLD_REQUESTED);
    assertThat(event.couponCodes()).containsExactly("A", "B");
    assertThatThrownBy(
            () ->
                EventJson.decode(
                    hold.replace("HOLD_REQUESTED", "CHECKOUT_COMPLETED")
                        .getBytes(StandardCharsets.UTF_8),
                    CartEvent.class))
        .hasMessage("missing field 'orderId'");
    assertThatThrownBy(
            () ->
                EventJson.decode(
                    hold.replace("\"19.99\"", "19.99").getBytes(StandardCharsets.UTF_8),
                    CartEvent.class))
        .hasMessageStartingWith("field 'unitPrice'");
  }

  @Test
  void shouldValidateSalesForecastsAcksAndOrders() {
    String sale =
        """
        {"eventId":"s1","saleId":"bf","type":"SCHEDULED","channel":"web","skus":[],\
        "holdTtlSeconds":300,"startsAt":"2026-11-27T10:00:00Z","endsAt":"2026-11-27T09:00:00Z",\
        "occurredAt":"2026-11-20T10:00:00Z"}""";
    assertThatThrownBy(
            () -> EventJson.decode(sale.getBytes(StandardCharsets.UTF_8), SaleEvent.class))
        .hasMessage("field 'startsAt' must be before 'endsAt'");
    String forecast =
        """
        {"eventId":"f1","sku":"SKU-1","channel":"amazon","unitsPerHour":3,\
        "validFrom":"2026-11-27T10:00:00Z","validTo":"2026-11-27T11:00:00Z","source":"model"}""";
    assertThat(
            EventJson.decode(forecast.getBytes(StandardCharsets.UTF_8), DemandForecast.class)
                .unitsPerHour())
        .isEqualTo(3.0);
    String ack =
        """
        {"eventId":"a1","channel":"amazon","sku":"SKU-1","quota":0,"quotaVersion":0,\
        "status":"APPLIED","appliedAt":"2026-11-27T10:00:00Z"}""";
    assertThatThrownBy(
            () -> EventJson.decode(ack.getBytes(StandardCharsets.UTF_8), ChannelAck.class))
        .hasMessage("field 'quotaVersion' must be a positive integer, got 0");
    String order =
        """
        {"eventId":"o1","channel":"amazon","orderId":"113-1","sku":"SKU-1","quantity":2,\
        "status":"SHIPPED","pool":"MAIN","occurredAt":"2026-11-27T10:00:00Z"}""";
    assertThatThrownBy(
            () -> EventJson.decode(order.getBytes(StandardCharsets.UTF_8), MarketplaceOrder.class))
        .hasMessage("field 'status': unknown value SHIPPED, expected one of CREATED, CANCELLED");
  }

  @Test
  void shouldWriteOutputsWithContractNamesAndWithoutAbsentFields() {
    Decision decision =
        new Decision(
            "SKU-1/1",
            "c1",
            "h1",
            null,
            "SKU-1",
            Pool.MAIN,
            "web",
            2,
            DecisionStatus.REJECTED,
            DecisionReason.INSUFFICIENT_STOCK,
            null,
            7,
            Instant.parse("2026-11-27T10:00:00.5Z"),
            null);
    assertThat(EventJson.writeString(decision))
        .isEqualTo(
            "{\"eventId\":\"SKU-1/1\",\"requestEventId\":\"c1\",\"holdId\":\"h1\",\"sku\":\"SKU-1\","
                + "\"pool\":\"MAIN\",\"channel\":\"web\",\"quantity\":2,\"status\":\"REJECTED\","
                + "\"reason\":\"INSUFFICIENT_STOCK\",\"ledgerVersion\":7,"
                + "\"decidedAt\":\"2026-11-27T10:00:00.500Z\"}");
    Position position =
        new Position(
            "SKU-1", Pool.FBA, 10, 2, 3, 5, 0, 0, 4, Instant.parse("2026-11-27T10:00:00Z"));
    assertThat(EventJson.read(EventJson.write(position), Position.class)).isEqualTo(position);
    assertThat(EventJson.read(EventJson.write(decision), Decision.class)).isEqualTo(decision);
  }

  @Test
  void shouldRoundTripEveryInputEvent() {
    List<Object> events =
        List.of(
            stock(STOCK),
            new CartEvent(
                "c1",
                CartEventType.CHECKOUT_COMPLETED,
                "web",
                "SKU-1",
                1,
                "h1",
                "cart1",
                "cust1",
                "o1",
                "s1",
                "d1",
                "10.0.0.1",
                List.of("SALE10"),
                "19.99",
                "USD",
                "pf",
                "addr",
                Instant.parse("2026-11-27T10:00:00.123Z")));
    for (Object event : events) {
      assertThat(EventJson.read(EventJson.write(event), event.getClass())).isEqualTo(event);
    }
  }
}
