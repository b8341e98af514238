package io.flashsale.embedded.marketplaces;

import com.sun.net.httpserver.HttpExchange;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP request as a stand-in server received it.
 *
 * @param path the raw (still percent-encoded) path
 * @param rawQuery the raw query string, or null when the request had none
 * @param headers header names as received; lookups ignore case, as HTTP does
 */
public record RecordedRequest(
    String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {

  public RecordedRequest {
    Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach(
        (name, values) -> byName.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
    byName.replaceAll((name, values) -> List.copyOf(values));
    headers = Collections.unmodifiableMap(byName);
    body = body == null ? new byte[0] : body.clone();
  }

  public static RecordedRequest of(HttpExchange exchange, byte[] body) {
    URI uri = exchange.getRequestURI();
    return new RecordedRequest(
        exchange.getRequestMethod(),
        uri.getRawPath(),
        uri.getRawQuery(),
        exchange.getRequestHeaders(),
        body);
  }

  /** The first value of the named header, or null when the request did not carry it. */
  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
