package io.flashsale.channels.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A marketplace's Retry-After, as seconds or as an HTTP date, and never more than ten minutes. */
class RetryAfterTest {

  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

  @Test
  void shouldReadSecondsAndHttpDates() {
    assertThat(MarketplaceHttp.retryAfter(" 30 ", NOW)).contains(Duration.ofSeconds(30));
    assertThat(MarketplaceHttp.retryAfter("Fri, 27 Nov 2026 10:01:30 GMT", NOW))
        .contains(Duration.ofSeconds(90));
  }

  @Test
  void shouldTreatAPastDateAsNowAndIgnoreWhatItCannotRead() {
    assertThat(MarketplaceHttp.retryAfter("Fri, 27 Nov 2026 09:00:00 GMT", NOW))
        .contains(Duration.ZERO);
    assertThat(MarketplaceHttp.retryAfter("soon", NOW)).isEmpty();
  }

  @Test
  void shouldHonourAtMostTenMinutes() {
    assertThat(MarketplaceHttp.retryAfter("86400", NOW)).contains(Duration.ofMinutes(10));
    assertThat(MarketplaceHttp.retryAfter("Thu, 31 Dec 2099 23:59:59 GMT", NOW))
        .contains(Duration.ofMinutes(10));
  }
}
