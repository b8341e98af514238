package io.flashsale.channels.standin;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Map;

/**
 * Puts into a Walmart spec's model the headers its prose demands but its operations do not list.
 *
 * <p>The published files declare Walmart's headers under {@code components.parameters} without
 * referencing them from any operation, and describe the access token as a bearer scheme "passed in
 * the WM_SEC.ACCESS_TOKEN header". Left as published, the validator would demand {@code
 * Authorization: Bearer} and no WM_ header at all.
 */
final class WalmartHeaders {

  /** Component parameters Walmart's guides require on every call, the token call included. */
  private static final List<String> ON_EVERY_CALL = List.of("svcName", "correlationId");

  private WalmartHeaders() {}

  static OpenAPI declare(OpenAPI api) {
    api.getComponents()
        .getSecuritySchemes()
        .get("accessTokenScheme")
        .type(SecurityScheme.Type.APIKEY)
        .in(SecurityScheme.In.HEADER)
        .name("WM_SEC.ACCESS_TOKEN")
        .scheme(null);
    Map<String, Parameter> declared = api.getComponents().getParameters();
    api.getPaths().values().stream()
        .flatMap(path -> path.readOperations().stream())
        .forEach(
            operation -> ON_EVERY_CALL.forEach(p -> operation.addParametersItem(declared.get(p))));
    return api;
  }
}
