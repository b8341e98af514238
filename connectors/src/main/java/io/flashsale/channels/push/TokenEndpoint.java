package io.flashsale.channels.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/** An OAuth token endpoint: exchanges credentials for access tokens ({@code access_token}). */
final class TokenEndpoint {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A token request that failed; its result says whether to retry. Carries no credential. */
  static final class TokenFailure extends RuntimeException {
    final PushResult result;

    TokenFailure(PushResult result) {
      super("access token refused: " + result);
      this.result = result;
    }
  }

  private TokenEndpoint() {}

  /** A form body, URL-encoded. */
  static HttpRequest.BodyPublisher form(Map<String, String> fields) {
    return HttpRequest.BodyPublishers.ofString(
        fields.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&")));
  }

  /** Sends the token request; the future fails with {@link TokenFailure} when no token came. */
  static CompletableFuture<AccessToken.Grant> fetch(
      MarketplaceHttp http, HttpRequest request, Clock clock) {
    return http.send(request)
        .handle(
            (response, error) -> {
              if (error != null) {
                throw new TokenFailure(MarketplaceHttp.unreachable(error));
              }
              return grant(response, clock);
            });
  }

  /** What to report for a request that could not get its token. */
  static PushResult failure(Throwable error) {
    Throwable cause = error instanceof CompletionException ? error.getCause() : error;
    if (cause instanceof TokenFailure failure) {
      return failure.result.within("access token");
    }
    return MarketplaceHttp.unreachable(error);
  }

  private static AccessToken.Grant grant(HttpResponse<String> response, Clock clock) {
    int status = response.statusCode();
    if (status / 100 != 2) {
      // Credentials the endpoint does not accept will not become valid by asking again.
      throw new TokenFailure(
          status == 401
              ? new PushResult.Refused(status + " " + MarketplaceHttp.cut(response.body()))
              : MarketplaceHttp.failure(response));
    }
    try {
      JsonNode body = JSON.readTree(response.body());
      String token = body.path("access_token").asText("");
      long expiresIn = body.path("expires_in").asLong(0);
      if (token.isEmpty() || expiresIn <= 0) {
        throw new TokenFailure(
            PushResult.retry("the token endpoint answered without access_token or expires_in"));
      }
      return new AccessToken.Grant(token, clock.instant().plusSeconds(expiresIn));
    } catch (IOException e) {
      throw new TokenFailure(PushResult.retry("unreadable answer from the token endpoint"));
    }
  }
}
