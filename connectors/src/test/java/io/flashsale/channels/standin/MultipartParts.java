package io.flashsale.channels.standin;

import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks the parts of a multipart/form-data body, which the request validator leaves unchecked. */
final class MultipartParts {

  static final String FORM_DATA = "multipart/form-data";

  private static final Pattern BOUNDARY =
      Pattern.compile(";\\s*boundary=\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);
  private static final Pattern PART_NAME =
      Pattern.compile(
          "^content-disposition:\\s*form-data;.*?\\bname=\"([^\"]*)\"",
          Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

  private MultipartParts() {}

  /** Violations of a form-data body against the parts the spec's schema requires. */
  static List<String> violations(String contentType, byte[] body, MediaType spec) {
    Matcher boundary = BOUNDARY.matcher(contentType);
    if (!boundary.find()) {
      return List.of("Multipart Content-Type '" + contentType + "' names no boundary.");
    }
    Set<String> names = partNames(body, boundary.group(1));
    return required(spec).stream()
        .filter(part -> !names.contains(part))
        .map(part -> "Multipart part '" + part + "' is required but not found in request.")
        .toList();
  }

  private static List<String> required(MediaType spec) {
    Schema<?> schema = spec.getSchema();
    return schema == null || schema.getRequired() == null ? List.of() : schema.getRequired();
  }

  private static Set<String> partNames(byte[] body, String boundary) {
    // ISO-8859-1 maps each byte to one char, so binary file content cannot break the split.
    String text = new String(body, StandardCharsets.ISO_8859_1);
    Set<String> names = new HashSet<>();
    for (String part : text.split(Pattern.quote("--" + boundary))) {
      int headersEnd = part.indexOf("\r\n\r\n");
      Matcher name = PART_NAME.matcher(headersEnd < 0 ? "" : part.substring(0, headersEnd));
      if (name.find()) {
        names.add(name.group(1));
      }
    }
    return names;
  }
}
