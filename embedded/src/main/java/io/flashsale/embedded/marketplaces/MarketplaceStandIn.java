package io.flashsale.embedded.marketplaces;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Local stand-ins for the marketplaces' inventory APIs on one loopback HTTP server: Shopify's
 * GraphQL Admin API, Amazon's Login with Amazon, Listings Items and Feeds, and Walmart's token,
 * inventory and feed endpoints. They check credentials and tokens as the real ones do, keep the
 * quantity each marketplace holds per SKU, and can be told to answer 429 or 5xx, to be down for a
 * while, to answer slowly, to refuse a SKU, or to apply quantities late. Every request is recorded
 * for the tests to inspect.
 */
public final class MarketplaceStandIn implements AutoCloseable {

  /** The marketplaces served. */
  public enum Marketplace {
    SHOPIFY,
    AMAZON,
    WALMART
  }

  /** A quantity a marketplace took, in the order it took them. */
  public record Applied(Marketplace marketplace, String sku, long quantity, long atMillis) {}

  /** The credentials the stand-ins accept. */
  public record Credentials(
      String shopifyAccessToken,
      String amazonClientId,
      String amazonClientSecret,
      String amazonRefreshToken,
      String walmartClientId,
      String walmartClientSecret) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LISTING =
      Pattern.compile("/listings/2021-08-01/items/([^/]+)/([^/]+)");
  private static final Pattern FEED = Pattern.compile("/feeds/2021-06-30/feeds/([^/]+)");
  private static final Pattern DOCUMENT = Pattern.compile("/feeds/2021-06-30/documents/([^/]+)");
  private static final Pattern WALMART_FEED = Pattern.compile("/v3/feeds/([^/]+)");

  private final Credentials credentials;
  private final HttpServer server;
  private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final List<Long> requestTimes = new CopyOnWriteArrayList<>();
  private final List<Applied> applied = new CopyOnWriteArrayList<>();
  private final Map<Marketplace, Map<String, Long>> quantities = new ConcurrentHashMap<>();
  private final Map<Marketplace, Set<String>> refusedSkus = new ConcurrentHashMap<>();
  private final Map<Marketplace, Queue<Integer>> scriptedFailures = new ConcurrentHashMap<>();
  private final Map<Marketplace, Long> downUntilMillis = new ConcurrentHashMap<>();
  private final Map<Marketplace, Duration> answerDelays = new ConcurrentHashMap<>();
  private final Map<Marketplace, Supplier<Duration>> applyDelays = new ConcurrentHashMap<>();
  private final Map<String, Long> acceptedUpdates = new ConcurrentHashMap<>();
  private final Map<String, Long> appliedUpdates = new ConcurrentHashMap<>();
  private final Set<String> liveTokens = ConcurrentHashMap.newKeySet();
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<String, String> shopifyIdempotency = new ConcurrentHashMap<>();
  private final Map<String, byte[]> documents = new ConcurrentHashMap<>();
  private final Map<String, String> feeds = new ConcurrentHashMap<>();
  private final Map<String, JsonNode> walmartFeeds = new ConcurrentHashMap<>();
  private volatile long tokenLifetimeSeconds = 3600;
  private volatile int retryAfterSeconds = 1;
  private volatile double shopifyPoints = 1000;
  private volatile long shopifyPointsAt = System.nanoTime();

  private MarketplaceStandIn(Credentials credentials) throws IOException {
    this.credentials = credentials;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  public static MarketplaceStandIn start(Credentials credentials) {
    try {
      return new MarketplaceStandIn(credentials);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the marketplace stand-ins", e);
    }
  }

  /** {@code http://127.0.0.1:PORT}: the endpoint of every marketplace served here. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * The connector settings of the channels {@code web} (Shopify), {@code amazon} and {@code
   * walmart} pointed at these stand-ins, their secrets written as files into {@code secrets} (one
   * Shopify inventory item per SKU in {@code skus}).
   */
  public Map<String, String> channelConfiguration(Path secrets, List<String> skus) {
    try {
      Files.createDirectories(secrets);
      Path shopifyToken = secret(secrets, "shopify-token", credentials.shopifyAccessToken());
      Path amazonSecret = secret(secrets, "amazon-secret", credentials.amazonClientSecret());
      Path amazonRefresh = secret(secrets, "amazon-refresh", credentials.amazonRefreshToken());
      Path walmartSecret = secret(secrets, "walmart-secret", credentials.walmartClientSecret());
      Path items = secrets.resolve("shopify-items.csv");
      Files.write(
          items, skus.stream().map(sku -> sku + ",gid://shopify/InventoryItem/" + sku).toList());
      String url = baseUrl();
      Map<String, String> config = new HashMap<>();
      config.put("channel.web.endpoint", url);
      config.put("channel.web.location-id", "gid://shopify/Location/1");
      config.put("channel.web.inventory-items-file", items.toString());
      config.put("channel.web.access-token-file", shopifyToken.toString());
      config.put("channel.amazon.endpoint", url);
      config.put("channel.amazon.token-endpoint", url + "/auth/o2/token");
      config.put("channel.amazon.seller-id", "A1SELLER");
      config.put("channel.amazon.client-id", credentials.amazonClientId());
      config.put("channel.amazon.client-secret-file", amazonSecret.toString());
      config.put("channel.amazon.refresh-token-file", amazonRefresh.toString());
      config.put("channel.walmart.endpoint", url);
      config.put("channel.walmart.client-id", credentials.walmartClientId());
      config.put("channel.walmart.client-secret-file", walmartSecret.toString());
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the stand-ins' secrets to " + secrets, e);
    }
  }

  private static Path secret(Path directory, String name, String value) throws IOException {
    Path file = directory.resolve(name);
    Files.writeString(file, value + "\n");
    return file;
  }

  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** When each request matching {@code filter} arrived, in epoch milliseconds. */
  public List<Long> requestTimes(Predicate<RecordedRequest> filter) {
    synchronized (requests) {
      List<Long> times = new java.util.ArrayList<>();
      for (int i = 0; i < requests.size(); i++) {
        if (filter.test(requests.get(i))) {
          times.add(requestTimes.get(i));
        }
      }
      return times;
    }
  }

  /** Every quantity taken, in order. */
  public List<Applied> applied() {
    return List.copyOf(applied);
  }

  /** The quantity the marketplace holds for {@code sku}, or null if it never took one. */
  public Long quantity(Marketplace marketplace, String sku) {
    return quantities.computeIfAbsent(marketplace, m -> new ConcurrentHashMap<>()).get(sku);
  }

  /** Sets a quantity as if the marketplace had changed it (Shopify: units sold in the shop). */
  public void setQuantity(Marketplace marketplace, String sku, long quantity) {
    quantities.computeIfAbsent(marketplace, m -> new ConcurrentHashMap<>()).put(sku, quantity);
  }

  /** The next requests to the marketplace's inventory API are answered with these statuses. */
  public void failNext(Marketplace marketplace, int... statuses) {
    Queue<Integer> queue =
        scriptedFailures.computeIfAbsent(marketplace, m -> new ConcurrentLinkedQueue<>());
    for (int status : statuses) {
      queue.add(status);
    }
  }

  /**
   * The marketplace's inventory API is down for {@code period}: it answers every request with 503
   * and Retry-After, after the scripted failures. Its token endpoint keeps answering, as it is a
   * service of its own.
   */
  public void downFor(Marketplace marketplace, Duration period) {
    downUntilMillis.put(marketplace, System.currentTimeMillis() + period.toMillis());
  }

  /**
   * Forgets the scripted failures not yet answered and ends an outage: the marketplace recovers.
   */
  public void clearFailures(Marketplace marketplace) {
    scriptedFailures.remove(marketplace);
    downUntilMillis.remove(marketplace);
  }

  /** The Retry-After sent with scripted 429 and 503 answers. */
  public void retryAfterSeconds(int seconds) {
    this.retryAfterSeconds = seconds;
  }

  /** Answers every inventory request of the marketplace only after {@code delay}. */
  public void answerAfter(Marketplace marketplace, Duration delay) {
    answerDelays.put(marketplace, delay);
  }

  /** Accepts quantities at once but holds them only after {@code delay}, as marketplaces do. */
  public void applyAfter(Marketplace marketplace, Duration delay) {
    applyAfter(marketplace, () -> delay);
  }

  /**
   * Accepts quantities at once but holds each only after a delay drawn from {@code delays}. An
   * update overtaken by a newer one of the same SKU is never applied, as marketplaces keep the
   * latest listing update.
   */
  public void applyAfter(Marketplace marketplace, Supplier<Duration> delays) {
    applyDelays.put(marketplace, delays);
  }

  /**
   * A buyer takes {@code units} from the quantity the marketplace shows for {@code sku}: false, and
   * nothing taken, when it shows fewer.
   */
  public boolean sell(Marketplace marketplace, String sku, long units) {
    boolean[] sold = {false};
    quantities
        .computeIfAbsent(marketplace, m -> new ConcurrentHashMap<>())
        .computeIfPresent(
            sku,
            (key, shown) -> {
              sold[0] = shown >= units;
              return sold[0] ? shown - units : shown;
            });
    return sold[0];
  }

  /** Refuses every update of {@code sku} as invalid. */
  public void refuse(Marketplace marketplace, String sku) {
    refusedSkus.computeIfAbsent(marketplace, m -> ConcurrentHashMap.newKeySet()).add(sku);
  }

  /** How long access tokens live. */
  public void tokenLifetime(Duration lifetime) {
    this.tokenLifetimeSeconds = lifetime.toSeconds();
  }

  /** Shopify's query-cost bucket: points available now (it refills at 100 per second). */
  public void shopifyPoints(double points) {
    shopifyPoints = points;
    shopifyPointsAt = System.nanoTime();
  }

  @Override
  public void close() {
    server.stop(0);
    later.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      RecordedRequest request = RecordedRequest.of(exchange, body);
      synchronized (requests) {
        requests.add(request);
        requestTimes.add(System.currentTimeMillis());
      }
      Answer answer = answer(request);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      if (answer.retryAfter != null) {
        exchange.getResponseHeaders().set("Retry-After", answer.retryAfter);
      }
      byte[] bytes = answer.body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(answer.status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        exchange.getResponseBody().write(bytes);
      }
    } catch (RuntimeException e) {
      exchange.sendResponseHeaders(500, -1);
    }
  }

  private record Answer(int status, String body, String retryAfter) {
    static Answer json(int status, Object body) {
      return new Answer(status, body.toString(), null);
    }
  }

  private Answer answer(RecordedRequest request) {
    String path = request.path();
    if (path.equals("/auth/o2/token")) {
      return amazonToken(request);
    }
    if (path.equals("/v3/token")) {
      return walmartToken(request);
    }
    if (path.startsWith("/upload/")) {
      documents.put(path.substring("/upload/".length()), request.body());
      return Answer.json(200, "");
    }
    if (path.startsWith("/report/")) {
      return Answer.json(200, feeds.getOrDefault(path.substring("/report/".length()), "{}"));
    }
    Marketplace marketplace =
        path.startsWith("/admin/api/")
            ? Marketplace.SHOPIFY
            : path.startsWith("/v3/") ? Marketplace.WALMART : Marketplace.AMAZON;
    Duration delay = answerDelays.get(marketplace);
    if (delay != null) {
      sleep(delay);
    }
    if (!authorized(marketplace, request)) {
      return Answer.json(
          401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad token\"}]}");
    }
    Integer status = failure(marketplace);
    if (status != null) {
      return new Answer(
          status,
          "{\"errors\":[{\"code\":\"" + status + "\",\"message\":\"scripted failure\"}]}",
          status == 429 || status == 503 ? String.valueOf(retryAfterSeconds) : null);
    }
    return switch (marketplace) {
      case SHOPIFY -> shopify(request);
      case AMAZON -> amazon(request);
      case WALMART -> walmart(request);
    };
  }

  /** The status a failure scripted for this request answers with, or null to serve it. */
  private Integer failure(Marketplace marketplace) {
    Queue<Integer> scripted = scriptedFailures.get(marketplace);
    Integer status = scripted == null ? null : scripted.poll();
    if (status != null) {
      return status;
    }
    long downUntil = downUntilMillis.getOrDefault(marketplace, 0L);
    return System.currentTimeMillis() < downUntil ? 503 : null;
  }

  private boolean authorized(Marketplace marketplace, RecordedRequest request) {
    return switch (marketplace) {
      case SHOPIFY ->
          credentials.shopifyAccessToken().equals(request.header("X-Shopify-Access-Token"));
      case AMAZON -> liveTokens.contains(String.valueOf(request.header("x-amz-access-token")));
      case WALMART -> liveTokens.contains(String.valueOf(request.header("WM_SEC.ACCESS_TOKEN")));
    };
  }

  private Answer amazonToken(RecordedRequest request) {
    Map<String, String> form = form(request.bodyText());
    boolean valid =
        "refresh_token".equals(form.get("grant_type"))
            && credentials.amazonRefreshToken().equals(form.get("refresh_token"))
            && credentials.amazonClientId().equals(form.get("client_id"))
            && credentials.amazonClientSecret().equals(form.get("client_secret"));
    return valid ? issueToken("Atza|") : Answer.json(401, "{\"error\":\"invalid_client\"}");
  }

  private Answer walmartToken(RecordedRequest request) {
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (credentials.walmartClientId() + ":" + credentials.walmartClientSecret())
                        .getBytes(StandardCharsets.UTF_8));
    boolean valid =
        expected.equals(request.header("Authorization"))
            && "client_credentials".equals(form(request.bodyText()).get("grant_type"));
    return valid ? issueToken("wm-") : Answer.json(401, "{\"error\":\"invalid_client\"}");
  }

  private Answer issueToken(String prefix) {
    String token = prefix + "token-" + ids.incrementAndGet();
    liveTokens.add(token);
    long lifetime = tokenLifetimeSeconds;
    later.schedule(() -> liveTokens.remove(token), lifetime, TimeUnit.SECONDS);
    ObjectNode answer = JSON.createObjectNode();
    answer.put("access_token", token);
    answer.put("token_type", "bearer");
    answer.put("expires_in", lifetime);
    return Answer.json(200, answer);
  }

  private Answer shopify(RecordedRequest request) {
    JsonNode body = read(request.bodyText());
    String query = body.path("query").asText();
    JsonNode variables = body.path("variables");
    ObjectNode answer = JSON.createObjectNode();
    double cost = 10;
    double available = refillShopifyPoints();
    ObjectNode costNode = answer.putObject("extensions").putObject("cost");
    costNode.put("requestedQueryCost", cost);
    ObjectNode throttle = costNode.putObject("throttleStatus");
    throttle.put("maximumAvailable", 1000);
    throttle.put("restoreRate", 100);
    if (available < cost) {
      throttle.put("currentlyAvailable", available);
      ObjectNode error = answer.putArray("errors").addObject();
      error.put("message", "Throttled");
      error.putObject("extensions").put("code", "THROTTLED");
      return Answer.json(200, answer);
    }
    shopifyPoints = available - cost;
    throttle.put("currentlyAvailable", shopifyPoints);
    ObjectNode data = answer.putObject("data");
    if (query.contains("inventorySetQuantities")) {
      data.set("inventorySetQuantities", shopifySet(query, variables));
    } else {
      String sku = skuOfItem(variables.path("item").asText());
      Long quantity = quantity(Marketplace.SHOPIFY, sku);
      ObjectNode level = data.putObject("inventoryItem").putObject("inventoryLevel");
      ObjectNode line = level.putArray("quantities").addObject();
      line.put("name", "available");
      line.put("quantity", quantity == null ? 0 : quantity);
    }
    return Answer.json(200, answer);
  }

  private synchronized ObjectNode shopifySet(String query, JsonNode variables) {
    ObjectNode payload = JSON.createObjectNode();
    ArrayNode errors = payload.putArray("userErrors");
    JsonNode input = variables.path("input");
    String key = variables.path("key").asText();
    if (!query.contains("@idempotent(key: $key)") || key.isEmpty()) {
      errors.addObject().put("code", "IDEMPOTENCY_KEY_REQUIRED").put("message", "key required");
      return payload;
    }
    String previous = shopifyIdempotency.putIfAbsent(key, input.toString());
    if (previous != null) {
      if (!previous.equals(input.toString())) {
        errors
            .addObject()
            .put("code", "IDEMPOTENCY_KEY_PARAMETER_MISMATCH")
            .put("message", "same key, other parameters");
      }
      return payload;
    }
    for (JsonNode line : input.path("quantities")) {
      String sku = skuOfItem(line.path("inventoryItemId").asText());
      if (refusedSkus.getOrDefault(Marketplace.SHOPIFY, Set.of()).contains(sku)) {
        errors.addObject().put("code", "INVALID_INVENTORY_ITEM").put("message", "no such item");
        shopifyIdempotency.remove(key);
        return payload;
      }
      Long current = quantity(Marketplace.SHOPIFY, sku);
      if (!line.has("changeFromQuantity")
          || (!line.get("changeFromQuantity").isNull()
              && line.get("changeFromQuantity").asLong() != (current == null ? 0 : current))) {
        errors
            .addObject()
            .put("code", "CHANGE_FROM_QUANTITY_STALE")
            .put("message", "The changeFromQuantity value does not match persisted value.");
        shopifyIdempotency.remove(key);
        return payload;
      }
      take(Marketplace.SHOPIFY, sku, line.path("quantity").asLong());
    }
    payload.putObject("inventoryAdjustmentGroup").putArray("changes");
    return payload;
  }

  /** Inventory item ids of the stand-in shop are {@code gid://shopify/InventoryItem/<sku>}. */
  private static String skuOfItem(String inventoryItemId) {
    return inventoryItemId.substring(inventoryItemId.lastIndexOf('/') + 1);
  }

  private Answer amazon(RecordedRequest request) {
    String path = request.path();
    Matcher listing = LISTING.matcher(path);
    if (listing.matches() && request.method().equals("PATCH")) {
      String sku = decode(listing.group(2));
      ObjectNode answer = JSON.createObjectNode();
      answer.put("sku", sku);
      answer.put("submissionId", "sub-" + ids.incrementAndGet());
      if (refusedSkus.getOrDefault(Marketplace.AMAZON, Set.of()).contains(sku)) {
        answer.put("status", "INVALID");
        answer.putArray("issues").add(issue(0, "90220", "unknown SKU"));
      } else {
        answer.put("status", "ACCEPTED");
        answer.putArray("issues");
        take(Marketplace.AMAZON, sku, availability(read(request.bodyText()).path("patches")));
      }
      return Answer.json(200, answer);
    }
    if (path.equals("/feeds/2021-06-30/documents")) {
      String id = "doc-" + ids.incrementAndGet();
      ObjectNode answer = JSON.createObjectNode();
      answer.put("feedDocumentId", id);
      answer.put("url", baseUrl() + "/upload/" + id);
      return Answer.json(201, answer);
    }
    if (path.equals("/feeds/2021-06-30/feeds")) {
      String feedId = "feed-" + ids.incrementAndGet();
      feeds.put(
          feedId, processAmazonFeed(read(request.bodyText()).path("inputFeedDocumentId").asText()));
      return Answer.json(202, JSON.createObjectNode().put("feedId", feedId));
    }
    Matcher feed = FEED.matcher(path);
    if (feed.matches()) {
      ObjectNode answer = JSON.createObjectNode();
      answer.put("feedId", feed.group(1));
      answer.put("feedType", "JSON_LISTINGS_FEED");
      answer.put("processingStatus", "DONE");
      answer.put("resultFeedDocumentId", feed.group(1));
      return Answer.json(200, answer);
    }
    Matcher document = DOCUMENT.matcher(path);
    if (document.matches()) {
      ObjectNode answer = JSON.createObjectNode();
      answer.put("feedDocumentId", document.group(1));
      answer.put("url", baseUrl() + "/report/" + document.group(1));
      return Answer.json(200, answer);
    }
    return Answer.json(404, "{\"errors\":[{\"code\":\"NotFound\"}]}");
  }

  /** Applies an uploaded JSON_LISTINGS_FEED and returns its processing report. */
  private String processAmazonFeed(String documentId) {
    JsonNode document =
        read(new String(documents.getOrDefault(documentId, new byte[0]), StandardCharsets.UTF_8));
    ObjectNode report = JSON.createObjectNode();
    ArrayNode issues = report.putArray("issues");
    int accepted = 0;
    for (JsonNode message : document.path("messages")) {
      String sku = message.path("sku").asText();
      if (refusedSkus.getOrDefault(Marketplace.AMAZON, Set.of()).contains(sku)) {
        issues.add(issue(message.path("messageId").asInt(), "90220", "unknown SKU"));
      } else {
        take(Marketplace.AMAZON, sku, availability(message.path("patches")));
        accepted++;
      }
    }
    report.putObject("summary").put("messagesAccepted", accepted);
    return report.toString();
  }

  private static ObjectNode issue(int messageId, String code, String message) {
    ObjectNode issue = JSON.createObjectNode();
    if (messageId > 0) {
      issue.put("messageId", messageId);
    }
    issue.put("code", code);
    issue.put("message", message);
    issue.put("severity", "ERROR");
    return issue;
  }

  private static long availability(JsonNode patches) {
    for (JsonNode patch : patches) {
      for (JsonNode value : patch.path("value")) {
        if (value.path("fulfillment_channel_code").asText().equals("DEFAULT")) {
          return value.path("quantity").asLong();
        }
      }
    }
    throw new IllegalArgumentException("no DEFAULT fulfillment availability in " + patches);
  }

  private Answer walmart(RecordedRequest request) {
    String path = request.path();
    Map<String, String> query = form(request.rawQuery() == null ? "" : request.rawQuery());
    if (path.equals("/v3/inventory") && request.method().equals("PUT")) {
      String sku = query.get("sku");
      if (refusedSkus.getOrDefault(Marketplace.WALMART, Set.of()).contains(sku)) {
        return Answer.json(
            400,
            "{\"errors\":[{\"code\":\"INVALID_REQUEST_CONTENT.GMP_INVENTORY_API\",\"description\":\"unknown SKU\"}]}");
      }
      JsonNode body = read(request.bodyText());
      take(Marketplace.WALMART, sku, body.path("quantity").path("amount").asLong());
      return Answer.json(200, body);
    }
    if (path.equals("/v3/feeds") && request.method().equals("POST")) {
      String text = request.bodyText();
      JsonNode feed = read(text.substring(text.indexOf('{'), text.lastIndexOf('}') + 1));
      String feedId = "wfeed-" + ids.incrementAndGet();
      ArrayNode statuses = JSON.createArrayNode();
      for (JsonNode item : feed.path("Inventory")) {
        String sku = item.path("sku").asText();
        ObjectNode status = statuses.addObject();
        status.put("sku", sku);
        if (refusedSkus.getOrDefault(Marketplace.WALMART, Set.of()).contains(sku)) {
          status.put("ingestionStatus", "DATA_ERROR");
          status
              .putObject("ingestionErrors")
              .putArray("ingestionError")
              .addObject()
              .put("code", "ERR_EXT_DATA_0101")
              .put("description", "unknown SKU");
        } else {
          status.put("ingestionStatus", "SUCCESS");
          take(Marketplace.WALMART, sku, item.path("quantity").path("amount").asLong());
        }
      }
      ObjectNode report = JSON.createObjectNode();
      report.put("feedId", feedId);
      report.put("feedStatus", "PROCESSED");
      report.putObject("itemDetails").set("itemIngestionStatus", statuses);
      walmartFeeds.put(feedId, report);
      return Answer.json(200, JSON.createObjectNode().put("feedId", feedId));
    }
    Matcher feed = WALMART_FEED.matcher(path);
    if (feed.matches() && walmartFeeds.containsKey(decode(feed.group(1)))) {
      return Answer.json(200, walmartFeeds.get(decode(feed.group(1))));
    }
    return Answer.json(404, "{\"errors\":[{\"code\":\"NOT_FOUND\"}]}");
  }

  /** The marketplace takes a quantity: at once, or after its apply delay. */
  private void take(Marketplace marketplace, String sku, long quantity) {
    Supplier<Duration> delays = applyDelays.get(marketplace);
    String listing = marketplace + "/" + sku;
    long update = acceptedUpdates.merge(listing, 1L, Long::sum);
    Runnable apply =
        () -> {
          synchronized (appliedUpdates) {
            if (appliedUpdates.merge(listing, update, Math::max) == update) {
              setQuantity(marketplace, sku, quantity);
              applied.add(new Applied(marketplace, sku, quantity, System.currentTimeMillis()));
            }
          }
        };
    if (delays == null) {
      apply.run();
    } else {
      later.schedule(apply, delays.get().toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private double refillShopifyPoints() {
    long now = System.nanoTime();
    double points = Math.min(1000, shopifyPoints + (now - shopifyPointsAt) / 1e9 * 100);
    shopifyPointsAt = now;
    shopifyPoints = points;
    return points;
  }

  private static Map<String, String> form(String text) {
    Map<String, String> fields = new HashMap<>();
    for (String pair : text.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0) {
        fields.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
      }
    }
    return fields;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + json, e);
    }
  }

  private static void sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
