package io.flashsale.channels.push;

import static io.flashsale.channels.push.StandInChannels.AMAZON;
import static io.flashsale.channels.push.StandInChannels.WALMART;
import static io.flashsale.channels.push.StandInChannels.WEB;
import static io.flashsale.channels.push.StandInChannels.quota;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashsale.channels.standin.ApiSpecs;
import io.flashsale.embedded.marketplaces.MarketplaceStandIn.Applied;
import io.flashsale.embedded.marketplaces.MarketplaceStandIn.Marketplace;
import io.flashsale.embedded.marketplaces.RecordedRequest;
import io.flashsale.events.QuotaReason;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each rule of pushing quotas, against the marketplace stand-ins over real HTTP. */
class ChannelPusherTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final StandInChannels channels = new StandInChannels();

  @AfterEach
  void stop() {
    channels.close();
  }

  @Test
  void shopifySetsAvailableWithCompareAndSwapAndAnIdempotencyKey() throws Exception {
    ChannelPusher pusher = channels.pusher(WEB, Map.of());
    channels.standIn.setQuantity(Marketplace.SHOPIFY, "SKU-1", 4);
    channels.offer(pusher, quota("web", "SKU-1", 1, 12, 0));
    awaitOutcomes("APPLIED SKU-1 v1");

    List<RecordedRequest> graphql = paths("/admin/api/2026-04/graphql.json");
    assertThat(graphql).hasSize(2);
    assertThat(graphql)
        .allSatisfy(
            r -> {
              assertThat(r.method()).isEqualTo("POST");
              assertThat(r.header("X-Shopify-Access-Token"))
                  .isEqualTo(StandInChannels.CREDENTIALS.shopifyAccessToken());
              assertThat(r.header("Content-Type")).isEqualTo("application/json");
            });
    JsonNode mutation = JSON.readTree(graphql.get(1).bodyText());
    assertThat(mutation.path("query").asText())
        .contains("inventorySetQuantities(input: $input) @idempotent(key: $key)");
    JsonNode input = mutation.path("variables").path("input");
    assertThat(input.path("name").asText()).isEqualTo("available");
    assertThat(input.path("reason").asText()).isEqualTo("correction");
    JsonNode line = input.path("quantities").get(0);
    assertThat(line.path("inventoryItemId").asText())
        .isEqualTo("gid://shopify/InventoryItem/SKU-1");
    assertThat(line.path("locationId").asText()).isEqualTo("gid://shopify/Location/1");
    assertThat(line.path("quantity").asLong()).isEqualTo(12);
    assertThat(line.path("changeFromQuantity").asLong()).isEqualTo(4);
    assertThat(mutation.path("variables").path("key").asText()).isNotBlank();
    assertThat(channels.standIn.quantity(Marketplace.SHOPIFY, "SKU-1")).isEqualTo(12);
  }

  @Test
  void shopifyRereadsTheQuantityWhenTheShopSoldMeanwhile() {
    ChannelPusher pusher = channels.pusher(WEB, Map.of());
    channels.offer(pusher, quota("web", "SKU-2", 1, 10, 0));
    awaitOutcomes("APPLIED SKU-2 v1");
    channels.standIn.setQuantity(Marketplace.SHOPIFY, "SKU-2", 7);

    channels.offer(pusher, quota("web", "SKU-2", 2, 20, 10));
    awaitOutcomes("APPLIED SKU-2 v1", "APPLIED SKU-2 v2");
    assertThat(channels.standIn.quantity(Marketplace.SHOPIFY, "SKU-2")).isEqualTo(20);
  }

  @Test
  void shopifyWaitsForItsQueryCostBucketWhenThrottled() {
    ChannelPusher pusher = channels.pusher(WEB, Map.of());
    channels.standIn.setQuantity(Marketplace.SHOPIFY, "SKU-3", 0);
    channels.standIn.shopifyPoints(0);
    channels.offer(pusher, quota("web", "SKU-3", 1, 5, 0));
    awaitOutcomes("APPLIED SKU-3 v1");
    assertThat(channels.standIn.quantity(Marketplace.SHOPIFY, "SKU-3")).isEqualTo(5);
  }

  @Test
  void amazonExchangesTheRefreshTokenOnceAndPatchesMerchantFulfilledQuantity() throws Exception {
    ChannelPusher pusher = channels.pusher(AMAZON, Map.of());
    channels.offer(
        pusher,
        quota("amazon", "SKU-1", 1, 5, 9),
        quota("amazon", "SKU 2/x", 1, 6, 9),
        quota("amazon", "SKU-3", 1, 7, 9));
    awaitOutcomes("APPLIED SKU-1 v1", "APPLIED SKU 2/x v1", "APPLIED SKU-3 v1");

    List<RecordedRequest> tokens = paths("/auth/o2/token");
    assertThat(tokens).hasSize(1);
    assertThat(tokens.get(0).bodyText())
        .contains("grant_type=refresh_token")
        .contains("client_id=amzn1.application-oa2-client.test");
    List<RecordedRequest> patches =
        channels.standIn.requests().stream().filter(r -> r.method().equals("PATCH")).toList();
    assertThat(patches).hasSize(3);
    for (RecordedRequest patch : patches) {
      assertThat(ApiSpecs.AMAZON_LISTINGS.violations(patch)).isEmpty();
      assertThat(patch.header("x-amz-access-token")).startsWith("Atza|");
      assertThat(patch.rawQuery()).isEqualTo("marketplaceIds=ATVPDKIKX0DER");
      JsonNode body = JSON.readTree(patch.bodyText());
      assertThat(body.path("patches").get(0).path("op").asText()).isEqualTo("merge");
      assertThat(body.path("patches").get(0).path("path").asText())
          .isEqualTo("/attributes/fulfillment_availability");
      assertThat(
              body.path("patches")
                  .get(0)
                  .path("value")
                  .get(0)
                  .path("fulfillment_channel_code")
                  .asText())
          .isEqualTo("DEFAULT");
    }
    assertThat(patches.stream().map(RecordedRequest::path))
        .contains("/listings/2021-08-01/items/A1SELLER/SKU%202%2Fx");
    assertThat(channels.standIn.quantity(Marketplace.AMAZON, "SKU 2/x")).isEqualTo(6);
  }

  @Test
  void amazonRenewsItsAccessTokenBeforeItExpires() {
    channels.standIn.tokenLifetime(Duration.ofSeconds(3));
    ChannelPusher pusher =
        channels.pusher(AMAZON, Map.of("channel.amazon.token-refresh-margin", "2s"));
    channels.offer(pusher, quota("amazon", "SKU-1", 1, 5, 9));
    awaitOutcomes("APPLIED SKU-1 v1");
    await().pollDelay(Duration.ofMillis(1200)).until(() -> true);
    channels.offer(pusher, quota("amazon", "SKU-1", 2, 4, 5));
    awaitOutcomes("APPLIED SKU-1 v1", "APPLIED SKU-1 v2");
    assertThat(paths("/auth/o2/token")).hasSize(2);
  }

  @Test
  void walmartSendsItsHeadersAndAFreshCorrelationIdPerRequest() {
    ChannelPusher pusher = channels.pusher(WALMART, Map.of());
    channels.offer(pusher, quota("walmart", "SKU-1", 1, 3, 9), quota("walmart", "SKU-2", 1, 4, 9));
    awaitOutcomes("APPLIED SKU-1 v1", "APPLIED SKU-2 v1");

    RecordedRequest token = paths("/v3/token").get(0);
    assertThat(ApiSpecs.WALMART_AUTH.violations(token)).isEmpty();
    List<RecordedRequest> puts = paths("/v3/inventory");
    assertThat(puts).hasSize(2);
    for (RecordedRequest put : puts) {
      assertThat(ApiSpecs.WALMART_INVENTORY.violations(put)).isEmpty();
      assertThat(put.method()).isEqualTo("PUT");
      assertThat(put.header("WM_SVC.NAME")).isEqualTo("Walmart Marketplace");
      assertThat(put.header("WM_SEC.ACCESS_TOKEN")).startsWith("wm-token-");
    }
    assertThat(puts.stream().map(r -> r.header("WM_QOS.CORRELATION_ID")).distinct()).hasSize(2);
    assertThat(channels.standIn.quantity(Marketplace.WALMART, "SKU-2")).isEqualTo(4);
  }

  @Test
  void serverErrorsAreRetriedWithGrowingBackoff() {
    ChannelPusher pusher = channels.pusher(AMAZON, Map.of());
    channels.standIn.retryAfterSeconds(0);
    channels.standIn.failNext(Marketplace.AMAZON, 500, 502, 500, 500);
    channels.offer(pusher, quota("amazon", "SKU-1", 1, 5, 9));
    awaitOutcomes("APPLIED SKU-1 v1");

    List<Long> times = patchTimes();
    assertThat(times).hasSize(5);
    // 100 ms doubling with jitter between half and all: at least 50, 100, 200, 400 ms apart.
    for (int retry = 1; retry < times.size(); retry++) {
      assertThat(times.get(retry) - times.get(retry - 1))
          .isGreaterThanOrEqualTo(50L << (retry - 1));
    }
  }

  @Test
  void walmartRetryAfterPausesTheChannel() {
    ChannelPusher pusher = channels.pusher(WALMART, Map.of());
    channels.standIn.retryAfterSeconds(1);
    channels.standIn.failNext(Marketplace.WALMART, 429);
    channels.offer(pusher, quota("walmart", "SKU-1", 1, 5, 9));
    awaitOutcomes("APPLIED SKU-1 v1");
    List<RecordedRequest> puts = paths("/v3/inventory");
    assertThat(puts).hasSize(2);
    List<Long> times = requestTimes("/v3/inventory");
    assertThat(times.get(1) - times.get(0)).isGreaterThanOrEqualTo(1000);
  }

  @Test
  void slowAnswersTimeOutAndAreRetried() {
    ChannelPusher pusher =
        channels.pusher(WALMART, Map.of("channel.walmart.request-timeout", "300ms"));
    channels.standIn.answerAfter(Marketplace.WALMART, Duration.ofMillis(700));
    channels.offer(pusher, quota("walmart", "SKU-1", 1, 5, 9));
    await().atMost(Duration.ofSeconds(10)).until(() -> paths("/v3/inventory").size() >= 2);
    assertThat(channels.outcomes).isEmpty();
    channels.standIn.answerAfter(Marketplace.WALMART, Duration.ZERO);
    awaitOutcomes("APPLIED SKU-1 v1");
  }

  @Test
  void aRefusedQuotaIsReportedOnceAndNotRetried() {
    ChannelPusher pusher = channels.pusher(WALMART, Map.of());
    channels.standIn.refuse(Marketplace.WALMART, "SKU-BAD");
    channels.offer(pusher, quota("walmart", "SKU-BAD", 1, 5, 9));
    await().atMost(Duration.ofSeconds(10)).until(() -> channels.outcomes.size() == 1);
    assertThat(channels.outcomes.get(0)).startsWith("REFUSED SKU-BAD v1 400");
    await().pollDelay(Duration.ofMillis(500)).until(() -> true);
    assertThat(paths("/v3/inventory")).hasSize(1);
  }

  @Test
  void onlyTheNewestQuotaIsSentAndNeverAnOlderOneAfterIt() {
    ChannelPusher pusher = channels.pusher(AMAZON, Map.of());
    channels.standIn.answerAfter(Marketplace.AMAZON, Duration.ofMillis(300));
    channels.standIn.retryAfterSeconds(0);
    channels.standIn.failNext(Marketplace.AMAZON, 503);
    for (int version = 1; version <= 20; version++) {
      channels.offer(pusher, quota("amazon", "SKU-1", version, version * 10L, version * 10L - 10));
    }
    channels.offer(pusher, quota("amazon", "SKU-1", 7, 70, 60));
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () -> Long.valueOf(200).equals(channels.standIn.quantity(Marketplace.AMAZON, "SKU-1")));
    List<Long> taken =
        channels.standIn.applied().stream()
            .filter(a -> a.sku().equals("SKU-1"))
            .map(Applied::quantity)
            .toList();
    assertThat(taken).isSorted().doesNotHaveDuplicates().endsWith(200L);
    assertThat(patchTimes().size()).isLessThanOrEqualTo(4);
  }

  @Test
  void aMarketplaceThatAppliesLateIsAckedOnAcceptanceAndTakesTheQuotasInOrder() {
    ChannelPusher pusher = channels.pusher(AMAZON, Map.of());
    channels.standIn.applyAfter(Marketplace.AMAZON, Duration.ofMillis(1500));
    channels.offer(pusher, quota("amazon", "SKU-1", 1, 10, 20));
    awaitOutcomes("APPLIED SKU-1 v1");
    assertThat(channels.standIn.quantity(Marketplace.AMAZON, "SKU-1"))
        .as("acked when Amazon accepted the submission, not when its listing changed")
        .isNull();

    channels.offer(pusher, quota("amazon", "SKU-1", 2, 5, 10));
    awaitOutcomes("APPLIED SKU-1 v1", "APPLIED SKU-1 v2");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> Long.valueOf(5).equals(channels.standIn.quantity(Marketplace.AMAZON, "SKU-1")));
    assertThat(channels.standIn.applied()).extracting(Applied::quantity).containsExactly(10L, 5L);
  }

  @Test
  void aHotSkuIsPushedAtOnceWhileColdOnesWaitForTheBatch() {
    ChannelPusher pusher =
        channels.pusher(
            WALMART,
            Map.of("channel.walmart.batch-interval", "1h", "channel.walmart.hot-changes", "3"));
    channels.offer(pusher, quota("walmart", "SKU-COLD", 1, 20, 10, QuotaReason.STOCK_CHANGE));
    for (int version = 1; version <= 3; version++) {
      channels.offer(
          pusher,
          quota(
              "walmart",
              "SKU-HOT",
              version,
              version * 10L + 10,
              version * 10L,
              QuotaReason.STOCK_CHANGE));
    }
    awaitOutcomes("APPLIED SKU-HOT v3");
    channels.offer(pusher, quota("walmart", "SKU-HOT", 4, 50, 40, QuotaReason.STOCK_CHANGE));
    awaitOutcomes("APPLIED SKU-HOT v3", "APPLIED SKU-HOT v4");

    assertThat(paths("/v3/inventory"))
        .extracting(RecordedRequest::rawQuery)
        .containsExactly("sku=SKU-HOT", "sku=SKU-HOT");
    assertThat(paths("/v3/feeds")).as("the cold SKU waits for the hourly feed").isEmpty();
    assertThat(channels.standIn.quantity(Marketplace.WALMART, "SKU-COLD")).isNull();
  }

  @Test
  void amazonRequestsArePacedToFivePerSecondAfterABurstOfTen() {
    ChannelPusher pusher = channels.pusher(AMAZON, Map.of());
    channels.offer(
        pusher,
        IntStream.range(0, 20)
            .mapToObj(i -> quota("amazon", "SKU-" + i, 1, 5, 9))
            .toArray(QuotaPush[]::new));
    await().atMost(Duration.ofSeconds(15)).until(() -> channels.outcomes.size() == 20);
    List<Long> times = patchTimes();
    for (int k = 10; k < times.size(); k++) {
      // Request k (from 0) needs k - 9 tokens refilled at 5 per second after the burst of 10.
      assertThat(times.get(k) - times.get(0)).isGreaterThanOrEqualTo((k - 9) * 200L - 50);
    }
  }

  @Test
  void theLongTailGoesInOneAmazonListingsFeedAndUrgentQuotasAtOnce() throws Exception {
    ChannelPusher pusher = channels.pusher(AMAZON, Map.of("channel.amazon.batch-interval", "1s"));
    channels.standIn.refuse(Marketplace.AMAZON, "SKU-4");
    for (int i = 0; i < 5; i++) {
      channels.offer(pusher, quota("amazon", "SKU-" + i, 1, 20, 10, QuotaReason.STOCK_CHANGE));
    }
    channels.offer(pusher, quota("amazon", "SKU-9", 1, 3, 10, QuotaReason.STOCK_CHANGE));
    awaitOutcomes("APPLIED SKU-9 v1");
    assertThat(patchTimes()).hasSize(1);

    await().atMost(Duration.ofSeconds(10)).until(() -> channels.outcomes.size() == 6);
    assertThat(channels.outcomes)
        .contains("APPLIED SKU-0 v1", "APPLIED SKU-3 v1")
        .anySatisfy(o -> assertThat(o).startsWith("REFUSED SKU-4 v1 feed feed-"));
    assertThat(channels.standIn.quantity(Marketplace.AMAZON, "SKU-3")).isEqualTo(20);
    RecordedRequest upload = paths(p -> p.startsWith("/upload/")).get(0);
    assertThat(ApiSpecs.listingsFeedViolations(upload.body())).isEmpty();
    assertThat(JSON.readTree(upload.bodyText()).path("messages")).hasSize(5);
    for (RecordedRequest feedCall : paths(p -> p.startsWith("/feeds/2021-06-30/"))) {
      assertThat(ApiSpecs.AMAZON_FEEDS.violations(feedCall)).isEmpty();
    }
  }

  @Test
  void theLongTailGoesInOneWalmartBulkFeed() {
    ChannelPusher pusher =
        channels.pusher(WALMART, Map.of("channel.walmart.batch-interval", "500ms"));
    for (int i = 0; i < 4; i++) {
      channels.offer(
          pusher, quota("walmart", "SKU-" + i, 1, 20, 10, QuotaReason.SCHEDULED_REBALANCE));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> channels.outcomes.size() == 4);
    RecordedRequest feed = paths("/v3/feeds").get(0);
    assertThat(ApiSpecs.WALMART_INVENTORY.violations(feed)).isEmpty();
    assertThat(feed.rawQuery()).isEqualTo("feedType=inventory");
    assertThat(paths("/v3/inventory")).isEmpty();
    assertThat(channels.standIn.quantity(Marketplace.WALMART, "SKU-3")).isEqualTo(20);
  }

  private void awaitOutcomes(String... expected) {
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(() -> assertThat(channels.outcomes).containsExactlyInAnyOrder(expected));
  }

  private List<RecordedRequest> paths(String path) {
    return paths(path::equals);
  }

  private List<RecordedRequest> paths(java.util.function.Predicate<String> path) {
    return channels.standIn.requests().stream().filter(r -> path.test(r.path())).toList();
  }

  private List<Long> patchTimes() {
    return channels.standIn.requestTimes(r -> r.method().equals("PATCH"));
  }

  private List<Long> requestTimes(String path) {
    return channels.standIn.requestTimes(r -> r.path().equals(path));
  }
}
