package io.flashsale.channels.standin;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.flashsale.embedded.marketplaces.RecordedRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ApiSpecsTest {

  private static final String LISTINGS_ITEM = "/listings/2021-08-01/items/SELLER1/SKU-1";
  private static final String MARKETPLACE = "marketplaceIds=ATVPDKIKX0DER";
  private static final String PATCH =
      """
      {"productType":"PRODUCT","patches":[{"op":"merge",\
      "path":"/attributes/fulfillment_availability",\
      "value":[{"fulfillment_channel_code":"DEFAULT","quantity":5}]}]}""";
  private static final String INVENTORY =
      "{\"sku\":\"SKU-1\",\"quantity\":{\"unit\":\"EACH\",\"amount\":5}}";
  private static final String FEED =
      """
      {"header":{"sellerId":"SELLER1","version":"2.0","issueLocale":"en_US"},\
      "messages":[{"messageId":1,"sku":"SKU-1","operationType":"PATCH","productType":"PRODUCT",\
      "patches":[{"op":"merge","path":"/attributes/fulfillment_availability",\
      "value":[{"fulfillment_channel_code":"DEFAULT","quantity":5}]}]}]}""";
  private static final String BOUNDARY = "b0undary";
  private static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;

  @Test
  void amazonPatchOfListingsItemPasses() {
    assertThat(
            ApiSpecs.AMAZON_LISTINGS.violations(amazon("PATCH", LISTINGS_ITEM, MARKETPLACE, PATCH)))
        .isEmpty();
  }

  @Test
  void requestRecordedByAStandInIsValidated() throws Exception {
    AtomicReference<RecordedRequest> recorded = new AtomicReference<>();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          recorded.set(RecordedRequest.of(exchange, exchange.getRequestBody().readAllBytes()));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
    try {
      URI uri =
          URI.create(
              "http://127.0.0.1:"
                  + server.getAddress().getPort()
                  + LISTINGS_ITEM
                  + "?"
                  + MARKETPLACE);
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .method("PATCH", HttpRequest.BodyPublishers.ofString(PATCH))
              .header("x-amz-access-token", "Atza|token")
              .header("content-type", "application/json")
              .build();
      HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding());
    } finally {
      server.stop(0);
    }
    assertThat(recorded.get().rawQuery()).isEqualTo(MARKETPLACE);
    assertThat(recorded.get().header("X-AMZ-ACCESS-TOKEN")).isEqualTo("Atza|token");
    assertThat(recorded.get().bodyText()).isEqualTo(PATCH);
    assertThat(ApiSpecs.AMAZON_LISTINGS.violations(recorded.get())).isEmpty();
  }

  @Test
  void amazonPatchWithUnknownOpFails() {
    String frobnicate = PATCH.replace("\"merge\"", "\"frobnicate\"");
    assertThat(
            ApiSpecs.AMAZON_LISTINGS.violations(
                amazon("PATCH", LISTINGS_ITEM, MARKETPLACE, frobnicate)))
        .anySatisfy(v -> assertThat(v).contains("frobnicate"));
  }

  @Test
  void amazonPatchWithoutMarketplaceIdsFails() {
    assertThat(ApiSpecs.AMAZON_LISTINGS.violations(amazon("PATCH", LISTINGS_ITEM, null, PATCH)))
        .anySatisfy(v -> assertThat(v).contains("marketplaceIds"));
  }

  @Test
  void amazonPathOutsideTheSpecFails() {
    assertThat(
            ApiSpecs.AMAZON_LISTINGS.violations(
                amazon("PATCH", "/listings/2020-09-01/items/SELLER1/SKU-1", MARKETPLACE, PATCH)))
        .anySatisfy(v -> assertThat(v).contains("No API path found"));
  }

  @Test
  void amazonBodyWithoutContentTypeFails() {
    Map<String, List<String>> headers = Map.of("x-amz-access-token", List.of("Atza|token"));
    RecordedRequest request =
        new RecordedRequest("PATCH", LISTINGS_ITEM, MARKETPLACE, headers, utf8(PATCH));
    assertThat(ApiSpecs.AMAZON_LISTINGS.violations(request))
        .anySatisfy(v -> assertThat(v).contains("no Content-Type"));
  }

  @Test
  void amazonFeedDocumentAndFeedPass() {
    assertThat(
            ApiSpecs.AMAZON_FEEDS.violations(
                amazon(
                    "POST",
                    "/feeds/2021-06-30/documents",
                    null,
                    "{\"contentType\":\"application/json; charset=UTF-8\"}")))
        .isEmpty();
    assertThat(
            ApiSpecs.AMAZON_FEEDS.violations(
                amazon(
                    "POST",
                    "/feeds/2021-06-30/feeds",
                    null,
                    """
                    {"feedType":"JSON_LISTINGS_FEED","marketplaceIds":["ATVPDKIKX0DER"],\
                    "inputFeedDocumentId":"doc-1"}""")))
        .isEmpty();
  }

  @Test
  void amazonFeedWithoutDocumentIdFails() {
    assertThat(
            ApiSpecs.AMAZON_FEEDS.violations(
                amazon(
                    "POST",
                    "/feeds/2021-06-30/feeds",
                    null,
                    "{\"feedType\":\"JSON_LISTINGS_FEED\",\"marketplaceIds\":[\"ATVPDKIKX0DER\"]}")))
        .anySatisfy(v -> assertThat(v).contains("inputFeedDocumentId"));
  }

  @Test
  void listingsFeedDocumentPasses() {
    assertThat(ApiSpecs.listingsFeedViolations(utf8(FEED))).isEmpty();
  }

  @Test
  void listingsFeedDocumentWithoutMessageIdFails() {
    String broken = FEED.replace("\"messageId\":1,", "");
    assertThat(ApiSpecs.listingsFeedViolations(utf8(broken)))
        .anySatisfy(v -> assertThat(v).contains("messageId"));
  }

  @Test
  void listingsFeedDocumentWithUnknownOperationTypeFails() {
    String broken = FEED.replace("\"PATCH\"", "\"UPSERT\"");
    assertThat(ApiSpecs.listingsFeedViolations(utf8(broken)))
        .anySatisfy(v -> assertThat(v).contains("/messages/0/operationType"));
  }

  @Test
  void walmartInventoryUpdatePasses() {
    assertThat(
            ApiSpecs.WALMART_INVENTORY.violations(
                walmart("PUT", "/v3/inventory", "sku=SKU-1", "application/json", INVENTORY)))
        .isEmpty();
  }

  @Test
  void walmartInventoryUpdateWithoutSkuFails() {
    assertThat(
            ApiSpecs.WALMART_INVENTORY.violations(
                walmart("PUT", "/v3/inventory", null, "application/json", INVENTORY)))
        .anySatisfy(v -> assertThat(v).contains("sku"));
  }

  @Test
  void walmartInventoryUpdateWithUndeclaredQueryFails() {
    assertThat(
            ApiSpecs.WALMART_INVENTORY.violations(
                walmart(
                    "PUT", "/v3/inventory", "sku=SKU-1&quantity=5", "application/json", INVENTORY)))
        .anySatisfy(v -> assertThat(v).contains("'quantity'"));
  }

  @Test
  void walmartInventoryUpdateInBoxesFails() {
    String boxes = INVENTORY.replace("EACH", "BOX");
    assertThat(
            ApiSpecs.WALMART_INVENTORY.violations(
                walmart("PUT", "/v3/inventory", "sku=SKU-1", "application/json", boxes)))
        .anySatisfy(v -> assertThat(v).contains("BOX"));
  }

  @Test
  void walmartCallWithoutItsHeadersFails() {
    RecordedRequest request =
        walmart("PUT", "/v3/inventory", "sku=SKU-1", "application/json", INVENTORY);
    for (String header : List.of("WM_SEC.ACCESS_TOKEN", "WM_SVC.NAME", "WM_QOS.CORRELATION_ID")) {
      assertThat(ApiSpecs.WALMART_INVENTORY.violations(without(request, header)))
          .as("without %s", header)
          .isNotEmpty();
    }
  }

  @Test
  void walmartHeaderNamesIgnoreCase() {
    RecordedRequest request =
        walmart("PUT", "/v3/inventory", "sku=SKU-1", "application/json", INVENTORY);
    Map<String, List<String>> lowerCase = new LinkedHashMap<>();
    request.headers().forEach((name, values) -> lowerCase.put(name.toLowerCase(), values));
    RecordedRequest lower =
        new RecordedRequest("PUT", "/v3/inventory", "sku=SKU-1", lowerCase, request.body());
    assertThat(lower.header("WM_SVC.NAME")).isEqualTo("Walmart Marketplace");
    assertThat(ApiSpecs.WALMART_INVENTORY.violations(lower)).isEmpty();
  }

  @Test
  void walmartBulkInventoryFeedNeedsAFilePart() {
    String file = part("file", "{\"inventoryHeader\":{\"version\":\"1.5\"},\"inventory\":[]}");
    assertThat(
            ApiSpecs.WALMART_INVENTORY.violations(
                walmart("POST", "/v3/feeds", "feedType=MP_INVENTORY", MULTIPART, file)))
        .isEmpty();
    assertThat(
            ApiSpecs.WALMART_INVENTORY.violations(
                walmart(
                    "POST", "/v3/feeds", "feedType=MP_INVENTORY", MULTIPART, part("data", "{}"))))
        .anySatisfy(v -> assertThat(v).contains("'file'"));
  }

  @Test
  void walmartTokenCallPasses() {
    RecordedRequest token =
        walmartToken("Basic Y2xpZW50OnNlY3JldA==", "grant_type=client_credentials");
    assertThat(ApiSpecs.WALMART_AUTH.violations(token)).isEmpty();
  }

  @Test
  void walmartTokenCallWithoutBasicAuthorizationFails() {
    RecordedRequest bearer = walmartToken("Bearer abc", "grant_type=client_credentials");
    assertThat(ApiSpecs.WALMART_AUTH.violations(bearer)).isNotEmpty();
    RecordedRequest noGrant = walmartToken("Basic Y2xpZW50OnNlY3JldA==", "scope=all");
    assertThat(ApiSpecs.WALMART_AUTH.violations(noGrant))
        .anySatisfy(v -> assertThat(v).contains("grant_type"));
  }

  private static RecordedRequest amazon(String method, String path, String query, String json) {
    Map<String, List<String>> headers =
        Map.of(
            "x-amz-access-token", List.of("Atza|token"),
            "Content-Type", List.of("application/json"));
    return new RecordedRequest(method, path, query, headers, utf8(json));
  }

  private static RecordedRequest walmart(
      String method, String path, String query, String contentType, String body) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("WM_SEC.ACCESS_TOKEN", List.of("token"));
    headers.put("WM_SVC.NAME", List.of("Walmart Marketplace"));
    headers.put("WM_QOS.CORRELATION_ID", List.of("b3261d2d-028a-4ef7-8602-633c23200af6"));
    headers.put("Accept", List.of("application/json"));
    headers.put("Content-Type", List.of(contentType));
    return new RecordedRequest(method, path, query, headers, utf8(body));
  }

  private static RecordedRequest walmartToken(String authorization, String form) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Authorization", List.of(authorization));
    headers.put("WM_SVC.NAME", List.of("Walmart Marketplace"));
    headers.put("WM_QOS.CORRELATION_ID", List.of("b3261d2d-028a-4ef7-8602-633c23200af6"));
    headers.put("Accept", List.of("application/json"));
    headers.put("Content-Type", List.of("application/x-www-form-urlencoded"));
    return new RecordedRequest("POST", "/v3/token", null, headers, utf8(form));
  }

  private static RecordedRequest without(RecordedRequest request, String header) {
    Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
    headers.remove(header);
    return new RecordedRequest(
        request.method(), request.path(), request.rawQuery(), headers, request.body());
  }

  private static String part(String name, String content) {
    return "--"
        + BOUNDARY
        + "\r\nContent-Disposition: form-data; name=\""
        + name
        + "\"; filename=\"feed.json\"\r\nContent-Type: application/json\r\n\r\n"
        + content
        + "\r\n--"
        + BOUNDARY
        + "--\r\n";
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
