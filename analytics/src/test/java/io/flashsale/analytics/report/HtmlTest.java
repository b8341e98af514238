package io.flashsale.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {

  @Test
  void escapesMarkupCharacters() {
    assertThat(Html.escape("<script>alert('x & \"y\"')</script>"))
        .isEqualTo("&lt;script&gt;alert(&#39;x &amp; &quot;y&quot;&#39;)&lt;/script&gt;");
  }

  @Test
  void keepsNonAsciiTextAndReplacesWhatXmlCannotCarry() {
    assertThat(Html.escape("Größe – 😀")).isEqualTo("Größe – 😀");
    assertThat(Html.escape("a\u0000b\u001bc\ud800d")).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd");
    assertThat(Html.escape(null)).isEmpty();
  }
}
