package io.flashsale.channels.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * One request of a multi-step feed submission (create a document, upload it, create the feed, poll
 * it, read its report). A failed step ends the submission with one result for every quota in it.
 */
final class FeedStep {

  static final ObjectMapper JSON = new ObjectMapper();

  /** A step that failed, with what to report for the whole batch. */
  static final class Failed extends RuntimeException {
    final String step;
    final PushResult result;

    Failed(String step, PushResult result) {
      super(step + ": " + result, null, false, false);
      this.step = step;
      this.result = result;
    }
  }

  private FeedStep() {}

  /** Sends a step's request; its JSON answer, or a {@link Failed} future. */
  static CompletableFuture<JsonNode> json(MarketplaceHttp http, String step, HttpRequest request) {
    return http.send(request)
        .handle(
            (response, error) -> {
              if (error != null) {
                throw new Failed(step, MarketplaceHttp.unreachable(error));
              }
              return read(step, response);
            });
  }

  private static JsonNode read(String step, HttpResponse<String> response) {
    if (response.statusCode() / 100 != 2) {
      throw new Failed(step, MarketplaceHttp.failure(response));
    }
    try {
      String body = response.body();
      return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (IOException e) {
      throw new Failed(step, PushResult.retry("unreadable answer"));
    }
  }

  /** {@code next} after {@code delay}: how a feed is polled until it is processed. */
  static <T> CompletableFuture<T> after(
      java.time.Duration delay, java.util.function.Supplier<CompletableFuture<T>> next) {
    return CompletableFuture.supplyAsync(
            () -> null,
            CompletableFuture.delayedExecutor(
                delay.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS))
        .thenCompose(ignored -> next.get());
  }

  /** The result of a batch whose submission failed: the same for each of its SKUs. */
  static Map<String, PushResult> failed(List<String> skus, Throwable error) {
    Throwable cause = error instanceof CompletionException ? error.getCause() : error;
    PushResult result =
        cause instanceof Failed failed
            ? failed.result.within(failed.step)
            : TokenEndpoint.failure(cause);
    return each(skus, sku -> result);
  }

  static Map<String, PushResult> each(List<String> skus, Function<String, PushResult> result) {
    Map<String, PushResult> results = new LinkedHashMap<>();
    for (String sku : skus) {
      results.put(sku, result.apply(sku));
    }
    return results;
  }
}
