package io.flashsale.channels.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flashsale.events.ChannelQuota;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shopify's GraphQL Admin API: {@code inventorySetQuantities} sets the {@code available} quantity
 * of the SKU's inventory item at its location. Each write compares against the quantity the shop
 * holds ({@code changeFromQuantity}): when the shop sold units meanwhile, the current quantity is
 * read and the write made again, so a concurrent change is never overwritten blindly. Each write
 * carries an idempotency key derived from what it writes, so a retried request applies once.
 */
public final class ShopifyApi implements ChannelApi {

  static final String SET_AVAILABLE =
      "mutation SetAvailable($input: InventorySetQuantitiesInput!, $key: String!) {"
          + " inventorySetQuantities(input: $input) @idempotent(key: $key) {"
          + " inventoryAdjustmentGroup { changes { name delta quantityAfterChange } }"
          + " userErrors { code field message } } }";

  static final String READ_AVAILABLE =
      "query Available($item: ID!, $location: ID!) { inventoryItem(id: $item) {"
          + " inventoryLevel(locationId: $location) {"
          + " quantities(names: [\"available\"]) { name quantity } } } }";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int COMPARE_ATTEMPTS = 3;

  /** Where a SKU's stock lives in the shop. */
  record Item(String inventoryItemId, String locationId) {}

  private final MarketplaceHttp http;
  private final String graphqlUrl;
  private final String accessToken;
  private final Map<String, Item> items;
  private final RateBucket bucket;
  private final Clock clock;

  /** The available quantity the shop last reported per SKU: the next write compares against it. */
  private final Map<String, Long> knownAvailable = new ConcurrentHashMap<>();

  public ShopifyApi(
      ChannelSettings settings, MarketplaceHttp http, String accessToken, Clock clock) {
    this.http = http;
    this.graphqlUrl =
        settings.required("endpoint").replaceAll("/+$", "")
            + "/admin/api/"
            + settings.text("api-version", "2026-04")
            + "/graphql.json";
    this.accessToken = accessToken;
    this.items =
        readItems(
            Path.of(settings.required("inventory-items-file")), settings.text("location-id", null));
    this.bucket =
        new RateBucket(
            settings.number("bucket-size", 1000),
            settings.number("restore-rate", 100),
            settings.number("mutation-cost", 10));
    this.clock = clock;
  }

  @Override
  public long reserveRequest(long nowMillis) {
    return bucket.reserve(nowMillis);
  }

  @Override
  public CompletableFuture<PushResult> push(ChannelQuota quota) {
    Item item = items.get(quota.sku());
    if (item == null) {
      return CompletableFuture.completedFuture(
          new PushResult.Refused("no Shopify inventory item is configured for SKU " + quota.sku()));
    }
    return set(quota, item, COMPARE_ATTEMPTS);
  }

  private CompletableFuture<PushResult> set(ChannelQuota quota, Item item, int attemptsLeft) {
    Long changeFrom = knownAvailable.get(quota.sku());
    if (changeFrom == null) {
      return readAvailable(quota.sku(), item)
          .thenCompose(
              failure ->
                  failure
                      .map(CompletableFuture::completedFuture)
                      .orElseGet(() -> set(quota, item, attemptsLeft)));
    }
    ObjectNode variables = JSON.createObjectNode();
    ObjectNode input = variables.putObject("input");
    input.put("name", "available");
    input.put("reason", "correction");
    input.put(
        "referenceDocumentUri",
        "flashsale://quota/" + quota.channel() + "/" + quota.sku() + "/" + quota.quotaVersion());
    ObjectNode line = input.putArray("quantities").addObject();
    line.put("inventoryItemId", item.inventoryItemId());
    line.put("locationId", item.locationId());
    line.put("quantity", quota.quota());
    line.put("changeFromQuantity", changeFrom);
    // The same write gets the same key, so a retry after a lost answer applies it once; a write
    // compared against another quantity is another write and gets another key.
    variables.put(
        "key",
        UUID.nameUUIDFromBytes(
                (quota.channel()
                        + "|"
                        + quota.sku()
                        + "|"
                        + quota.quotaVersion()
                        + "|"
                        + changeFrom)
                    .getBytes(StandardCharsets.UTF_8))
            .toString());
    return graphql(SET_AVAILABLE, variables)
        .thenCompose(
            answer -> {
              if (answer.result != null) {
                return CompletableFuture.completedFuture(answer.result);
              }
              JsonNode payload = answer.data.path("inventorySetQuantities");
              for (JsonNode error : payload.path("userErrors")) {
                String code = error.path("code").asText();
                if (code.equals("CHANGE_FROM_QUANTITY_STALE")) {
                  knownAvailable.remove(quota.sku());
                  return attemptsLeft > 1
                      ? set(quota, item, attemptsLeft - 1)
                      : CompletableFuture.completedFuture(
                          PushResult.retry("the shop's quantity keeps changing"));
                }
                String text = code + ": " + MarketplaceHttp.cut(error.path("message").asText());
                return CompletableFuture.completedFuture(
                    code.startsWith("IDEMPOTENCY_CONCURRENT")
                        ? PushResult.retry(text)
                        : new PushResult.Refused(text));
              }
              knownAvailable.put(quota.sku(), quota.quota());
              return CompletableFuture.completedFuture(
                  (PushResult) new PushResult.Applied(clock.instant()));
            });
  }

  /** Reads the shop's available quantity into {@link #knownAvailable}; the failure, if any. */
  private CompletableFuture<Optional<PushResult>> readAvailable(String sku, Item item) {
    ObjectNode variables = JSON.createObjectNode();
    variables.put("item", item.inventoryItemId());
    variables.put("location", item.locationId());
    return graphql(READ_AVAILABLE, variables)
        .thenApply(
            answer -> {
              if (answer.result != null) {
                return Optional.of(answer.result);
              }
              JsonNode level = answer.data.path("inventoryItem").path("inventoryLevel");
              if (level.isMissingNode() || level.isNull()) {
                return Optional.of(
                    new PushResult.Refused(
                        "the shop has no inventory level for SKU "
                            + sku
                            + " at "
                            + item.locationId()));
              }
              long available = 0;
              for (JsonNode quantity : level.path("quantities")) {
                if (quantity.path("name").asText().equals("available")) {
                  available = quantity.path("quantity").asLong();
                }
              }
              knownAvailable.put(sku, available);
              return Optional.<PushResult>empty();
            });
  }

  /** A GraphQL answer: its data, or the result to report when there is none. */
  private record Answer(JsonNode data, PushResult result) {}

  private CompletableFuture<Answer> graphql(String query, ObjectNode variables) {
    ObjectNode body = JSON.createObjectNode();
    body.put("query", query);
    body.set("variables", variables);
    HttpRequest request =
        http.request(graphqlUrl)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("X-Shopify-Access-Token", accessToken)
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    return http.send(request)
        .thenApply(this::read)
        .exceptionally(error -> new Answer(null, MarketplaceHttp.unreachable(error)));
  }

  private Answer read(HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      return new Answer(null, MarketplaceHttp.failure(response));
    }
    JsonNode root;
    try {
      root = JSON.readTree(response.body());
    } catch (IOException e) {
      return new Answer(null, PushResult.retry("unreadable answer from the shop"));
    }
    JsonNode cost = root.path("extensions").path("cost");
    JsonNode throttle = cost.path("throttleStatus");
    if (throttle.isObject()) {
      bucket.observe(
          throttle.path("currentlyAvailable").asDouble(),
          throttle.path("maximumAvailable").asDouble(),
          throttle.path("restoreRate").asDouble(),
          cost.path("requestedQueryCost").asDouble(),
          clock.millis());
    }
    JsonNode errors = root.path("errors");
    if (errors.isArray() && !errors.isEmpty()) {
      String code = errors.get(0).path("extensions").path("code").asText();
      String text = MarketplaceHttp.cut(errors.get(0).path("message").asText());
      if (code.equals("THROTTLED")) {
        double wanted = cost.path("requestedQueryCost").asDouble(10);
        double available = throttle.path("currentlyAvailable").asDouble(0);
        double rate = Math.max(1, throttle.path("restoreRate").asDouble(50));
        long waitMillis = (long) Math.ceil(Math.max(0, wanted - available) * 1000 / rate);
        return new Answer(
            null, new PushResult.Retry("throttled: " + text, Duration.ofMillis(waitMillis)));
      }
      return new Answer(
          null,
          code.equals("INTERNAL_SERVER_ERROR")
              ? PushResult.retry(code + ": " + text)
              : new PushResult.Refused(code + ": " + text));
    }
    return new Answer(root.path("data"), null);
  }

  /** {@code sku,inventoryItemId[,locationId]} per line; # starts a comment. */
  static Map<String, Item> readItems(Path file, String defaultLocation) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Shopify inventory items at " + file, e);
    }
    Map<String, Item> items = new HashMap<>();
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\\s*,\\s*");
      String location = fields.length > 2 ? fields[2] : defaultLocation;
      if (fields.length < 2 || location == null) {
        throw new IllegalArgumentException(
            "a Shopify inventory item line needs sku,inventoryItemId[,locationId] (and"
                + " location-id when the line has none): '"
                + line
                + "' in "
                + file);
      }
      items.put(fields[0], new Item(fields[1], location));
    }
    return Map.copyOf(items);
  }
}
