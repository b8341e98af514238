package io.flashsale.channels.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flashsale.events.ChannelQuota;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Amazon Selling Partner API, Listings Items 2021-08-01: a {@code merge} patch of the listing's
 * {@code fulfillment_availability} for the merchant-fulfilled channel ({@code DEFAULT}). FBA
 * quantities belong to Amazon's warehouses and are never written. The long tail goes in {@code
 * JSON_LISTINGS_FEED} batches ({@link AmazonListingsFeed}). Access tokens come from Login with
 * Amazon, exchanged for the refresh token and renewed before they expire.
 */
public final class AmazonListingsApi implements ChannelApi {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final MarketplaceHttp http;
  private final String endpoint;
  private final String sellerId;
  private final String marketplaceId;
  private final String productType;
  private final AccessToken token;
  private final RateBucket bucket;
  private final AmazonListingsFeed feed;
  private final Clock clock;

  public AmazonListingsApi(
      ChannelSettings settings,
      MarketplaceHttp http,
      java.util.function.Function<String, String> environment,
      Clock clock) {
    this.http = http;
    this.endpoint = settings.text("endpoint", "https://sellingpartnerapi-na.amazon.com");
    this.sellerId = settings.required("seller-id");
    this.marketplaceId = settings.text("marketplace-id", "ATVPDKIKX0DER");
    this.productType = settings.text("product-type", "PRODUCT");
    this.clock = clock;
    String tokenEndpoint = settings.text("token-endpoint", "https://api.amazon.com/auth/o2/token");
    Map<String, String> credentials =
        Map.of(
            "grant_type", "refresh_token",
            "refresh_token", settings.secret("refresh-token", environment),
            "client_id", settings.required("client-id"),
            "client_secret", settings.secret("client-secret", environment));
    this.token =
        new AccessToken(
            () ->
                TokenEndpoint.fetch(
                    http,
                    http.request(tokenEndpoint)
                        .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                        .POST(TokenEndpoint.form(credentials))
                        .build(),
                    clock),
            settings.duration("token-refresh-margin", Duration.ofMinutes(5)),
            clock);
    // Listings Items allows 5 requests per second per seller, with bursts of 10.
    this.bucket = RateBucket.perSecond(settings);
    this.feed =
        new AmazonListingsFeed(
            http,
            endpoint,
            sellerId,
            marketplaceId,
            productType,
            settings.duration("feed-poll-interval", Duration.ofSeconds(30)),
            this::authorized,
            clock);
  }

  @Override
  public long reserveRequest(long nowMillis) {
    return bucket.reserve(nowMillis);
  }

  @Override
  public CompletableFuture<PushResult> push(ChannelQuota quota) {
    ObjectNode body = JSON.createObjectNode();
    body.put("productType", productType);
    body.set("patches", JSON.createArrayNode().add(availabilityPatch(quota.quota())));
    String uri =
        endpoint
            + "/listings/2021-08-01/items/"
            + encode(sellerId)
            + "/"
            + encode(quota.sku())
            + "?marketplaceIds="
            + encode(marketplaceId);
    return token
        .get()
        .thenCompose(
            grant ->
                http.call(
                    authorized(http.request(uri), grant)
                        .header("Content-Type", "application/json")
                        .method("PATCH", HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                    this::submission,
                    token::invalidate))
        .exceptionally(TokenEndpoint::failure);
  }

  @Override
  public int maxBatch() {
    return feed.maxMessages();
  }

  @Override
  public CompletableFuture<Map<String, PushResult>> pushBatch(List<ChannelQuota> quotas) {
    return token
        .get()
        .thenCompose(grant -> feed.submit(quotas, grant))
        .exceptionally(error -> AmazonListingsFeed.allWith(quotas, TokenEndpoint.failure(error)));
  }

  /** The patch that sets the merchant-fulfilled quantity. */
  static ObjectNode availabilityPatch(long quantity) {
    ObjectNode patch = JSON.createObjectNode();
    patch.put("op", "merge");
    patch.put("path", "/attributes/fulfillment_availability");
    ArrayNode value = patch.putArray("value");
    ObjectNode availability = value.addObject();
    availability.put("fulfillment_channel_code", "DEFAULT");
    availability.put("quantity", quantity);
    return patch;
  }

  private HttpRequest.Builder authorized(HttpRequest.Builder request, AccessToken.Grant grant) {
    return request.header("x-amz-access-token", grant.token()).header("Accept", "application/json");
  }

  private PushResult submission(HttpResponse<String> response) {
    try {
      JsonNode body = JSON.readTree(response.body());
      String status = body.path("status").asText();
      if (status.equals("ACCEPTED") || status.equals("VALID")) {
        return new PushResult.Applied(clock.instant());
      }
      return new PushResult.Refused("listing " + status + ": " + issues(body.path("issues")));
    } catch (IOException e) {
      return PushResult.retry("unreadable answer from Listings Items");
    }
  }

  /** The ERROR issues of a submission or a feed report, as one line. */
  static String issues(JsonNode issues) {
    StringBuilder text = new StringBuilder();
    for (JsonNode issue : issues) {
      if (!issue.path("severity").asText().equals("ERROR")) {
        continue;
      }
      if (!text.isEmpty()) {
        text.append("; ");
      }
      text.append(issue.path("code").asText()).append(' ').append(issue.path("message").asText());
    }
    return MarketplaceHttp.cut(text.isEmpty() ? "no error issue reported" : text.toString());
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public void close() {
    http.close();
  }
}
