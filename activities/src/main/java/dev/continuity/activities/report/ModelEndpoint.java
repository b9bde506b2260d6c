package dev.continuity.activities.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.continuity.model.Json;
import java.time.Duration;
import java.util.List;

/**
 * One link of the report's model chain, read from CONTINUITY_REPORT_MODELS (a JSON array, tried
 * in order before the deterministic template). Keys are never in it: {@code apiKeyEnv} names the
 * environment variable the worker reads the key from at run time.
 *
 * @param name what the report says wrote it ("primary", "westus2", "small")
 * @param kind "azure" (an Azure OpenAI resource: {@code endpoint} is the resource URL, {@code model}
 *     the deployment) or "openai" (any OpenAI-compatible endpoint: {@code endpoint} is the base URL)
 * @param auth "key" (the key in {@code apiKeyEnv}) or "entra" (an Entra ID token from azure-identity, for
 *     kind "azure" only; the worker's DefaultAzureCredential: managed identity, workload identity, az login)
 * @param apiVersion the Azure OpenAI API version; null for the SDK's default
 * @param timeoutSeconds one call's limit
 * @param retries further attempts after a 429 or 5xx
 * @param maxRetryAfterSeconds the longest Retry-After honoured; a longer one moves to the next link
 * @param breakerFailures failed calls in a row that open the endpoint's circuit
 * @param breakerCoolOffSeconds how long an open circuit skips the endpoint before one trial call
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record ModelEndpoint(
    String name,
    String kind,
    String endpoint,
    String model,
    String auth,
    String apiKeyEnv,
    String apiVersion,
    Integer timeoutSeconds,
    Integer retries,
    Integer maxRetryAfterSeconds,
    Integer breakerFailures,
    Integer breakerCoolOffSeconds) {

  public static final String MODELS_ENV = "CONTINUITY_REPORT_MODELS";

  public ModelEndpoint {
    if (endpoint == null || endpoint.isBlank()) throw new IllegalArgumentException("a report model needs an endpoint");
    if (model == null || model.isBlank()) throw new IllegalArgumentException("report model at " + endpoint + " needs a model (or deployment)");
    kind = kind == null ? "openai" : kind;
    if (!kind.equals("azure") && !kind.equals("openai")) {
      throw new IllegalArgumentException("report model kind must be azure or openai, not " + kind);
    }
    auth = auth == null ? "key" : auth;
    if (!auth.equals("key") && !auth.equals("entra")) throw new IllegalArgumentException("report model auth must be key or entra, not " + auth);
    if (auth.equals("entra") && !kind.equals("azure")) {
      // Entra ID tokens (scope cognitiveservices.azure.com) are for Azure OpenAI resources only
      throw new IllegalArgumentException("report model at " + endpoint + ": auth entra needs kind azure");
    }
    name = name == null ? model : name;
    timeoutSeconds = timeoutSeconds == null ? 30 : timeoutSeconds;
    retries = retries == null ? 2 : retries;
    maxRetryAfterSeconds = maxRetryAfterSeconds == null ? 10 : maxRetryAfterSeconds;
    breakerFailures = breakerFailures == null ? 3 : breakerFailures;
    breakerCoolOffSeconds = breakerCoolOffSeconds == null ? 60 : breakerCoolOffSeconds;
  }

  public Duration timeout() {
    return Duration.ofSeconds(timeoutSeconds);
  }

  /** The chain described by the JSON text; an empty chain for null or blank text. */
  public static List<ModelEndpoint> parse(String json) {
    if (json == null || json.isBlank()) return List.of();
    try {
      return List.copyOf(Json.MAPPER.readValue(json, new TypeReference<List<ModelEndpoint>>() {}));
    } catch (Exception e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
      throw new IllegalArgumentException(MODELS_ENV + " is not a valid list of report models: " + firstLine(cause.getMessage()), e);
    }
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
