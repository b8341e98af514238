package io.flashsale.channels.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Amazon's JSON Schemas (draft-07) of a JSON_LISTINGS_FEED document and of its messages. */
final class ListingsFeedSchema {

  private static final ObjectMapper JSON = new ObjectMapper();
  // Amazon's schemas annotate with OpenAPI's "example", which draft-07 does not know.
  private static final SchemaRegistry DRAFT_07 =
      SchemaRegistry.withDefaultDialect(
          Dialect.builder(Dialects.getDraft7()).keyword(new AnnotationKeyword("example")).build());
  private static final Schema FEED = load("amazon-listings-feed-schema-v2.json");
  private static final Schema MESSAGE = load("amazon-listings-feed-message-schema-v2.json");

  private ListingsFeedSchema() {}

  static List<String> violations(byte[] json) {
    JsonNode document;
    try {
      document = JSON.readTree(json);
    } catch (IOException e) {
      return List.of("Feed document is not JSON: " + e.getMessage());
    }
    Set<String> violations = new LinkedHashSet<>(describe(FEED.validate(document), ""));
    // The feed schema inlines its own copy of the message schema; Amazon publishes both and they
    // can differ, so each message is held to the message schema too (same findings collapse).
    JsonNode messages = document.path("messages");
    for (int i = 0; i < messages.size(); i++) {
      violations.addAll(describe(MESSAGE.validate(messages.get(i)), "/messages/" + i));
    }
    return List.copyOf(violations);
  }

  /** Describes errors by their JSON Pointer in the feed document; {@code at} points to the root. */
  private static List<String> describe(List<Error> errors, String at) {
    return errors.stream()
        .map(e -> where(at + e.getInstanceLocation()) + ": " + e.getMessage())
        .toList();
  }

  private static String where(String pointer) {
    return pointer.isEmpty() ? "document" : pointer;
  }

  private static Schema load(String file) {
    return DRAFT_07.getSchema(SpecFiles.read(file));
  }
}
