package io.flashsale.channels.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flashsale.events.ChannelQuota;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Walmart Marketplace inventory: {@code PUT /v3/inventory?sku=} with the quantity in {@code EACH}
 * units; the long tail in bulk inventory feeds ({@code POST /v3/feeds?feedType=inventory}), polled
 * until processed. Every call names the service ({@code WM_SVC.NAME}) and carries its own
 * correlation id ({@code WM_QOS.CORRELATION_ID}); access tokens come from the client credentials
 * and are renewed before they expire.
 */
public final class WalmartInventoryApi implements ChannelApi {

  private final MarketplaceHttp http;
  private final String endpoint;
  private final String serviceName;
  private final AccessToken token;
  private final RateBucket bucket;
  private final Duration feedPollInterval;
  private final int feedMaxItems;
  private final Clock clock;

  public WalmartInventoryApi(
      ChannelSettings settings,
      MarketplaceHttp http,
      Function<String, String> environment,
      Clock clock) {
    this.http = http;
    this.endpoint = settings.text("endpoint", "https://marketplace.walmartapis.com");
    this.serviceName = settings.text("service-name", "Walmart Marketplace");
    this.clock = clock;
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (settings.required("client-id")
                        + ":"
                        + settings.secret("client-secret", environment))
                    .getBytes(StandardCharsets.UTF_8));
    this.token =
        new AccessToken(
            () ->
                TokenEndpoint.fetch(
                    http,
                    headers(http.request(endpoint + "/v3/token"))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(TokenEndpoint.form(Map.of("grant_type", "client_credentials")))
                        .build(),
                    clock),
            settings.duration("token-refresh-margin", Duration.ofMinutes(2)),
            clock);
    this.bucket = RateBucket.perSecond(settings);
    this.feedPollInterval = settings.duration("feed-poll-interval", Duration.ofSeconds(30));
    this.feedMaxItems = settings.integer("feed-max-items", 1000);
  }

  @Override
  public long reserveRequest(long nowMillis) {
    return bucket.reserve(nowMillis);
  }

  @Override
  public CompletableFuture<PushResult> push(ChannelQuota quota) {
    String body = inventory(quota).toString();
    String uri = endpoint + "/v3/inventory?sku=" + AmazonListingsApi.encode(quota.sku());
    return token
        .get()
        .thenCompose(
            grant ->
                http.call(
                    authorized(http.request(uri), grant)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                    response -> new PushResult.Applied(clock.instant()),
                    token::invalidate))
        .exceptionally(TokenEndpoint::failure);
  }

  @Override
  public int maxBatch() {
    return feedMaxItems;
  }

  @Override
  public CompletableFuture<Map<String, PushResult>> pushBatch(List<ChannelQuota> quotas) {
    List<String> skus = quotas.stream().map(ChannelQuota::sku).toList();
    ObjectNode feed = FeedStep.JSON.createObjectNode();
    feed.putObject("InventoryHeader").put("version", "1.4");
    ArrayNode items = feed.putArray("Inventory");
    quotas.forEach(quota -> items.add(inventory(quota)));
    String boundary = "flashsale-" + UUID.randomUUID();
    String multipart =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"inventory.json\""
            + "\r\nContent-Type: application/json\r\n\r\n"
            + feed
            + "\r\n--"
            + boundary
            + "--\r\n";
    return token
        .get()
        .thenCompose(
            grant ->
                FeedStep.json(
                        http,
                        "bulk inventory feed",
                        authorized(http.request(endpoint + "/v3/feeds?feedType=inventory"), grant)
                            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                            .POST(HttpRequest.BodyPublishers.ofString(multipart))
                            .build())
                    .thenCompose(answer -> processed(answer.path("feedId").asText(), grant)))
        .thenApply(status -> results(status, skus))
        .exceptionally(error -> FeedStep.failed(skus, error));
  }

  private static ObjectNode inventory(ChannelQuota quota) {
    ObjectNode inventory = FeedStep.JSON.createObjectNode();
    inventory.put("sku", quota.sku());
    ObjectNode quantity = inventory.putObject("quantity");
    quantity.put("unit", "EACH");
    quantity.put("amount", quota.quota());
    return inventory;
  }

  private CompletableFuture<JsonNode> processed(String feedId, AccessToken.Grant grant) {
    HttpRequest status =
        authorized(
                http.request(
                    endpoint
                        + "/v3/feeds/"
                        + AmazonListingsApi.encode(feedId)
                        + "?includeDetails=true"),
                grant)
            .GET()
            .build();
    return FeedStep.json(http, "feed status", status)
        .thenCompose(
            answer ->
                switch (answer.path("feedStatus").asText()) {
                  case "PROCESSED" -> CompletableFuture.completedFuture(answer);
                  case "ERROR" ->
                      CompletableFuture.failedFuture(
                          new FeedStep.Failed(
                              "feed " + feedId, PushResult.retry("processing ended in ERROR")));
                  default -> FeedStep.after(feedPollInterval, () -> processed(feedId, grant));
                });
  }

  /** Each SKU as the feed's item details report it; one it does not mention is tried again. */
  private Map<String, PushResult> results(JsonNode status, List<String> skus) {
    Map<String, JsonNode> bySku = new HashMap<>();
    for (JsonNode item : status.path("itemDetails").path("itemIngestionStatus")) {
      bySku.put(item.path("sku").asText(), item);
    }
    Instant appliedAt = clock.instant();
    return FeedStep.each(
        skus,
        sku -> {
          JsonNode item = bySku.get(sku);
          if (item == null) {
            return PushResult.retry("the feed's report does not mention the SKU");
          }
          if (item.path("ingestionStatus").asText().equals("SUCCESS")) {
            return new PushResult.Applied(appliedAt);
          }
          StringBuilder errors = new StringBuilder(item.path("ingestionStatus").asText());
          for (JsonNode error : item.path("ingestionErrors").path("ingestionError")) {
            errors
                .append("; ")
                .append(error.path("code").asText())
                .append(' ')
                .append(error.path("description").asText());
          }
          return new PushResult.Refused(MarketplaceHttp.cut(errors.toString()));
        });
  }

  private HttpRequest.Builder headers(HttpRequest.Builder request) {
    return request
        .header("WM_SVC.NAME", serviceName)
        .header("WM_QOS.CORRELATION_ID", UUID.randomUUID().toString())
        .header("Accept", "application/json");
  }

  private HttpRequest.Builder authorized(HttpRequest.Builder request, AccessToken.Grant grant) {
    return headers(request).header("WM_SEC.ACCESS_TOKEN", grant.token());
  }

  @Override
  public void close() {
    http.close();
  }
}
