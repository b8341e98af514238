package io.flashsale.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogEventTest {

  @Test
  void shouldWritePlainValuesBareAndQuoteTheRest() {
    String line =
        LogEvent.of("quota_refused")
            .with("channel", "amazon")
            .with("version", 7)
            .with("reason", "400 \"bad\" sku=x\nnext \\ line")
            .with("empty", "")
            .toString();

    assertThat(line)
        .isEqualTo(
            "event=quota_refused channel=amazon version=7"
                + " reason=\"400 \\\"bad\\\" sku=x\\nnext \\\\ line\" empty=\"\"");
  }

  @Test
  void shouldStayOneLineWhateverTheValues() {
    assertThat(LogEvent.of("x").with("text", "a\r\nb").toString()).doesNotContain("\n", "\r");
  }
}
