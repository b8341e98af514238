package io.flashsale.channels.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flashsale.events.ChannelQuota;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * Many quantities in one {@code JSON_LISTINGS_FEED}: create a feed document, upload the messages to
 * the address Amazon returns, create the feed, poll it until it is processed, then read its report:
 * a message the report marks with an ERROR issue is refused, every other one applied.
 */
final class AmazonListingsFeed {

  static final String CONTENT_TYPE = "application/json; charset=UTF-8";
  private static final String FEEDS = "/feeds/2021-06-30";

  private final MarketplaceHttp http;
  private final String endpoint;
  private final String sellerId;
  private final String marketplaceId;
  private final String productType;
  private final Duration pollInterval;
  private final BiFunction<HttpRequest.Builder, AccessToken.Grant, HttpRequest.Builder> authorize;
  private final Clock clock;

  AmazonListingsFeed(
      MarketplaceHttp http,
      String endpoint,
      String sellerId,
      String marketplaceId,
      String productType,
      Duration pollInterval,
      BiFunction<HttpRequest.Builder, AccessToken.Grant, HttpRequest.Builder> authorize,
      Clock clock) {
    this.http = http;
    this.endpoint = endpoint;
    this.sellerId = sellerId;
    this.marketplaceId = marketplaceId;
    this.productType = productType;
    this.pollInterval = pollInterval;
    this.authorize = authorize;
    this.clock = clock;
  }

  int maxMessages() {
    return 1000;
  }

  CompletableFuture<Map<String, PushResult>> submit(
      List<ChannelQuota> quotas, AccessToken.Grant grant) {
    List<String> skus = quotas.stream().map(ChannelQuota::sku).toList();
    ObjectNode createDocument = FeedStep.JSON.createObjectNode().put("contentType", CONTENT_TYPE);
    return FeedStep.json(
            http, "createFeedDocument", post(FEEDS + "/documents", createDocument, grant))
        .thenCompose(document -> upload(document, quotas).thenApply(done -> document))
        .thenCompose(
            document -> {
              ObjectNode createFeed = FeedStep.JSON.createObjectNode();
              createFeed.put("feedType", "JSON_LISTINGS_FEED");
              createFeed.putArray("marketplaceIds").add(marketplaceId);
              createFeed.put("inputFeedDocumentId", document.path("feedDocumentId").asText());
              return FeedStep.json(http, "createFeed", post(FEEDS + "/feeds", createFeed, grant));
            })
        .thenCompose(feed -> processed(feed.path("feedId").asText(), grant))
        .thenCompose(feed -> report(feed, skus, grant))
        .exceptionally(error -> FeedStep.failed(skus, error));
  }

  /** The same result for every quota of a batch. */
  static Map<String, PushResult> allWith(List<ChannelQuota> quotas, PushResult result) {
    return FeedStep.each(quotas.stream().map(ChannelQuota::sku).toList(), sku -> result);
  }

  /** The feed document: one PATCH message per quota, numbered from 1 in batch order. */
  ObjectNode document(List<ChannelQuota> quotas) {
    ObjectNode document = FeedStep.JSON.createObjectNode();
    ObjectNode header = document.putObject("header");
    header.put("sellerId", sellerId);
    header.put("version", "2.0");
    header.put("issueLocale", "en_US");
    var messages = document.putArray("messages");
    for (int i = 0; i < quotas.size(); i++) {
      ObjectNode message = messages.addObject();
      message.put("messageId", i + 1);
      message.put("sku", quotas.get(i).sku());
      message.put("operationType", "PATCH");
      message.put("productType", productType);
      message.putArray("patches").add(AmazonListingsApi.availabilityPatch(quotas.get(i).quota()));
    }
    return document;
  }

  private CompletableFuture<JsonNode> upload(JsonNode document, List<ChannelQuota> quotas) {
    // The upload address is pre-signed: it takes no access token.
    HttpRequest request =
        http.request(document.path("url").asText())
            .header("Content-Type", CONTENT_TYPE)
            .PUT(HttpRequest.BodyPublishers.ofString(document(quotas).toString()))
            .build();
    return FeedStep.json(http, "upload feed document", request);
  }

  private CompletableFuture<JsonNode> processed(String feedId, AccessToken.Grant grant) {
    return FeedStep.json(http, "getFeed", get(FEEDS + "/feeds/" + feedId, grant))
        .thenCompose(
            feed ->
                switch (feed.path("processingStatus").asText()) {
                  case "DONE" -> CompletableFuture.completedFuture(feed);
                  case "CANCELLED", "FATAL" ->
                      CompletableFuture.failedFuture(
                          new FeedStep.Failed(
                              "feed " + feedId,
                              PushResult.retry(
                                  "processing ended " + feed.path("processingStatus").asText())));
                  default -> FeedStep.after(pollInterval, () -> processed(feedId, grant));
                });
  }

  private CompletableFuture<Map<String, PushResult>> report(
      JsonNode feed, List<String> skus, AccessToken.Grant grant) {
    String reportId = feed.path("resultFeedDocumentId").asText();
    return FeedStep.json(http, "getFeedDocument", get(FEEDS + "/documents/" + reportId, grant))
        .thenCompose(
            document ->
                FeedStep.json(
                    http,
                    "download feed report",
                    http.request(document.path("url").asText()).GET().build()))
        .thenApply(report -> results(feed.path("feedId").asText(), report, skus));
  }

  /** Message n of the feed is the n-th SKU: refused if the report has an ERROR for it. */
  private Map<String, PushResult> results(String feedId, JsonNode report, List<String> skus) {
    Map<Integer, ArrayNode> issuesByMessage = new HashMap<>();
    for (JsonNode issue : report.path("issues")) {
      issuesByMessage
          .computeIfAbsent(issue.path("messageId").asInt(), id -> FeedStep.JSON.createArrayNode())
          .add(issue);
    }
    Instant appliedAt = clock.instant();
    Map<String, PushResult> results = new LinkedHashMap<>();
    for (int i = 0; i < skus.size(); i++) {
      ArrayNode issues = issuesByMessage.get(i + 1);
      boolean failed = false;
      if (issues != null) {
        for (JsonNode issue : issues) {
          failed |= issue.path("severity").asText().equals("ERROR");
        }
      }
      results.put(
          skus.get(i),
          failed
              ? new PushResult.Refused("feed " + feedId + ": " + AmazonListingsApi.issues(issues))
              : new PushResult.Applied(appliedAt));
    }
    return results;
  }

  private HttpRequest post(String path, ObjectNode body, AccessToken.Grant grant) {
    return authorize
        .apply(http.request(endpoint + path), grant)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
        .build();
  }

  private HttpRequest get(String path, AccessToken.Grant grant) {
    return authorize.apply(http.request(endpoint + path), grant).GET().build();
  }
}
