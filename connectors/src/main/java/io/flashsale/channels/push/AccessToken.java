package io.flashsale.channels.push;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * An OAuth access token, fetched when first needed, reused until shortly before it expires, then
 * fetched again; one fetch at a time however many requests wait for it. The token is a secret: it
 * is never printed.
 */
public final class AccessToken {

  /** A token and when it stops working. */
  public record Grant(String token, Instant expiresAt) {
    @Override
    public String toString() {
      return "Grant[token=****, expiresAt=" + expiresAt + "]";
    }
  }

  private final Supplier<CompletableFuture<Grant>> fetch;
  private final Duration refreshMargin;
  private final Clock clock;
  private Grant current;
  private CompletableFuture<Grant> fetching;

  public AccessToken(
      Supplier<CompletableFuture<Grant>> fetch, Duration refreshMargin, Clock clock) {
    this.fetch = fetch;
    this.refreshMargin = refreshMargin;
    this.clock = clock;
  }

  /** A token valid for at least the refresh margin. */
  public synchronized CompletableFuture<Grant> get() {
    if (current != null && clock.instant().isBefore(current.expiresAt().minus(refreshMargin))) {
      return CompletableFuture.completedFuture(current);
    }
    if (fetching != null) {
      return fetching;
    }
    CompletableFuture<Grant> started = fetch.get();
    fetching = started;
    started.whenComplete((grant, error) -> fetched(started, grant));
    return started;
  }

  /** Forgets the token, after the channel said it is no longer valid. */
  public synchronized void invalidate() {
    current = null;
  }

  private synchronized void fetched(CompletableFuture<Grant> done, Grant grant) {
    if (fetching == done) {
      fetching = null;
      current = grant;
    }
  }
}
