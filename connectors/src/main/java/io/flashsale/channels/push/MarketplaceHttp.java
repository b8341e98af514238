package io.flashsale.channels.push;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Sends a marketplace's HTTP requests and sorts every answer into a {@link PushResult}: 2xx goes to
 * the caller's reading of the body; 429, 408, 5xx, timeouts and connection failures are worth a
 * retry (with the server's Retry-After); 401 drops the cached access token and retries; any other
 * 4xx is a refusal. Failure texts name the status and the server's message, never a header.
 */
public final class MarketplaceHttp implements AutoCloseable {

  private static final int MAX_ERROR_TEXT = 500;

  private final ExecutorService threads;
  private final HttpClient client;
  private final Duration requestTimeout;

  public MarketplaceHttp(Duration connectTimeout, Duration requestTimeout) {
    // Its own threads, so that closing it stops them (HttpClient itself cannot be closed on 17).
    this.threads =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "marketplace-http");
              thread.setDaemon(true);
              return thread;
            });
    this.client =
        HttpClient.newBuilder()
            .executor(threads)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.requestTimeout = requestTimeout;
  }

  /** A request builder for {@code uri} with this client's timeout. */
  public HttpRequest.Builder request(String uri) {
    return HttpRequest.newBuilder(java.net.URI.create(uri)).timeout(requestTimeout);
  }

  /**
   * Sends {@code request}; {@code onSuccess} reads a 2xx answer, {@code onUnauthorized} runs on a
   * 401 (to drop a cached token) before the retry.
   */
  public CompletableFuture<PushResult> call(
      HttpRequest request,
      Function<HttpResponse<String>, PushResult> onSuccess,
      Runnable onUnauthorized) {
    return send(request)
        .thenApply(
            response -> {
              int status = response.statusCode();
              if (status >= 200 && status < 300) {
                return onSuccess.apply(response);
              }
              if (status == 401) {
                onUnauthorized.run();
              }
              return failure(response);
            })
        .exceptionally(MarketplaceHttp::unreachable);
  }

  /** Sends {@code request} and returns the raw response; failures complete exceptionally. */
  public CompletableFuture<HttpResponse<String>> send(HttpRequest request) {
    return client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
  }

  /** The result of a non-2xx answer. */
  public static PushResult failure(HttpResponse<String> response) {
    int status = response.statusCode();
    String text = status + " " + cut(response.body());
    if (status == 429 || status == 408 || status == 401 || status >= 500) {
      return new PushResult.Retry(text, retryAfter(response).orElse(null));
    }
    return new PushResult.Refused(text);
  }

  /** The result of a request that got no answer. */
  public static PushResult unreachable(Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof HttpTimeoutException) {
      return PushResult.retry("no answer in time");
    }
    if (cause instanceof IOException) {
      return PushResult.retry("connection failed: " + cause.getClass().getSimpleName());
    }
    return PushResult.retry("request failed: " + cause.getClass().getSimpleName());
  }

  /**
   * The longest Retry-After honoured. A longer one, or a date far ahead (a server's mistake or a
   * hostile answer), would freeze the channel's quotas past any sale; asking again sooner costs at
   * worst one more refusal.
   */
  static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);

  static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .flatMap(value -> retryAfter(value, Instant.now()));
  }

  /** Retry-After, in seconds or as an HTTP date, at most {@link #MAX_RETRY_AFTER}. */
  static Optional<Duration> retryAfter(String value, Instant now) {
    Duration wait;
    try {
      wait = Duration.ofSeconds(Long.parseLong(value.trim()));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at =
            ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        wait = Duration.between(now, at);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
    if (wait.isNegative()) {
      return Optional.of(Duration.ZERO);
    }
    return Optional.of(wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait);
  }

  static String cut(String text) {
    if (text == null) {
      return "";
    }
    String flat = text.replaceAll("\\s+", " ").trim();
    return flat.length() <= MAX_ERROR_TEXT ? flat : flat.substring(0, MAX_ERROR_TEXT) + "...";
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}
