package io.flashsale.channels.standin;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.OpenApiInteractionValidator.SpecSource;
import com.atlassian.oai.validator.interaction.ApiOperationResolver;
import com.atlassian.oai.validator.model.ApiOperationMatch;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.util.OpenApiLoader;
import io.flashsale.embedded.marketplaces.RecordedRequest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The marketplaces' published API specifications, against which the stand-in servers check every
 * request the connectors send them, so that the stand-ins cannot drift from the real APIs.
 */
public enum ApiSpecs {
  AMAZON_LISTINGS("amazon-listingsItems_2021-08-01.json", UnaryOperator.identity()),
  AMAZON_FEEDS("amazon-feeds_2021-06-30.json", UnaryOperator.identity()),
  WALMART_INVENTORY("walmart-us-mp-inventory.json", WalmartHeaders::declare),
  WALMART_AUTH("walmart-us-mp-auth.json", WalmartHeaders::declare);

  /** Stand-ins serve every spec's paths at their root, whatever servers and base path it names. */
  private static final String BASE_PATH = "/";

  private final OpenApiInteractionValidator validator;
  private final ApiOperationResolver operations;

  ApiSpecs(String file, UnaryOperator<OpenAPI> adapt) {
    OpenAPI api = adapt.apply(load(file));
    validator =
        OpenApiInteractionValidator.createFor(api)
            .withBasePathOverride(BASE_PATH)
            .withLevelResolver(undeclaredQueryIsAnError())
            .build();
    operations = new ApiOperationResolver(api, BASE_PATH, false);
  }

  /** Human-readable violations of this spec by the request; empty when the request is valid. */
  public List<String> violations(RecordedRequest request) {
    List<String> violations = new ArrayList<>();
    validator.validateRequest(toValidated(request)).getMessages().stream()
        .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
        .forEach(message -> violations.add(message.getMessage()));
    violations.addAll(bodyViolations(request));
    return violations;
  }

  /**
   * Violations of a JSON_LISTINGS_FEED document (as uploaded for a feed) against Amazon's schema.
   */
  public static List<String> listingsFeedViolations(byte[] json) {
    return ListingsFeedSchema.violations(json);
  }

  /**
   * What the validator skips: it validates a body only by its Content-Type, and never multipart.
   */
  private List<String> bodyViolations(RecordedRequest request) {
    String contentType = request.header("Content-Type");
    if (contentType == null) {
      return request.body().length == 0
          ? List.of()
          : List.of("Request has a body but no Content-Type header.");
    }
    if (!contentType.toLowerCase(Locale.ROOT).startsWith(MultipartParts.FORM_DATA)) {
      return List.of();
    }
    ApiOperationMatch match =
        operations.findApiOperation(request.path(), toMethod(request.method()));
    RequestBody spec =
        match.isOperationAllowed() ? match.getApiOperation().getOperation().getRequestBody() : null;
    MediaType formData = spec == null ? null : spec.getContent().get(MultipartParts.FORM_DATA);
    // Without form data in the spec, the validator has already reported the Content-Type.
    return formData == null
        ? List.of()
        : MultipartParts.violations(contentType, request.body(), formData);
  }

  /** The validator ignores query parameters its spec does not declare; a stand-in must not. */
  private static LevelResolver undeclaredQueryIsAnError() {
    return LevelResolver.create()
        .withLevel("validation.request.parameter.query.unexpected", ValidationReport.Level.ERROR)
        .build();
  }

  private static SimpleRequest toValidated(RecordedRequest request) {
    // Query parameter names are case-sensitive on the real APIs.
    var builder = new SimpleRequest.Builder(toMethod(request.method()), request.path(), true);
    request.headers().forEach(builder::withHeader);
    queryParameters(request.rawQuery()).forEach(builder::withQueryParam);
    if (request.body().length > 0) {
      builder.withBody(request.body());
    }
    return builder.build();
  }

  private static Request.Method toMethod(String method) {
    return Request.Method.valueOf(method.toUpperCase(Locale.ROOT));
  }

  private static Map<String, List<String>> queryParameters(String rawQuery) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return parameters;
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      parameters.computeIfAbsent(decode(name), n -> new ArrayList<>()).add(decode(value));
    }
    return parameters;
  }

  private static String decode(String encoded) {
    return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
  }

  private static OpenAPI load(String file) {
    // The validator's own defaults: $refs resolved fully, combinators left to the schema validator.
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    options.setResolveFully(true);
    options.setResolveCombinators(false);
    return new OpenApiLoader().loadApi(SpecSource.inline(SpecFiles.read(file)), List.of(), options);
  }
}
