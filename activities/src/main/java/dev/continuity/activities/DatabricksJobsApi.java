package dev.continuity.activities;

import com.azure.core.credential.SimpleTokenCache;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.continuity.model.Json;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Jobs API 2.1 and the serving-endpoints API 2.0 of Databricks workspaces, with an Entra ID token
 * for the Azure Databricks resource. Failures are classed as ARM's are: 401/403 and bad requests stop the step, 429 waits as
 * asked, 5xx and unreachable workspaces are retried.
 *
 * <p>Against the emulator every workspace is served by the emulator under {@code /_databricks/<host>},
 * the way probes go through its relay, so the same code runs with no workspace.
 */
final class DatabricksJobsApi {
  /** The application ID of the Azure Databricks resource: tokens for any workspace are issued for it. */
  static final String SCOPE = "2ff814a6-3304-4ab8-85cb-cd0e6f879c1d/.default";
  static final String ROLE = "a workspace identity with CAN MANAGE on the jobs and serving endpoints it changes "
      + "(a service principal added to the workspace)";

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final ActivitiesConfig config;
  private final Supplier<String> token;

  DatabricksJobsApi(ActivitiesConfig config) {
    this.config = config;
    if (config.emulated()) {
      this.token = () -> AzureClients.EMULATOR_TOKEN;
    } else {
      SimpleTokenCache cache = new SimpleTokenCache(() -> new DefaultAzureCredentialBuilder().build()
          .getToken(new TokenRequestContext().addScopes(SCOPE)));
      this.token = () -> cache.getToken().block().getToken();
    }
  }

  /** The API base of a workspace, from its URL as the inventory holds it (with or without https://). */
  String base(String workspaceUrl) {
    String host = workspaceUrl.replaceFirst("^https?://", "").replaceAll("/+$", "");
    if (config.emulated()) return config.armEndpoint().toString().replaceAll("/+$", "") + "/_databricks/" + host;
    return workspaceUrl.startsWith("http") ? workspaceUrl.replaceAll("/+$", "") : "https://" + host;
  }

  /** Every job of the workspace (jobs/list, all pages). */
  List<JsonNode> jobs(String base) {
    List<JsonNode> out = new ArrayList<>();
    String page = null;
    do {
      JsonNode r = get(base, "/api/2.1/jobs/list?limit=100" + (page == null ? "" : "&page_token=" + enc(page)));
      r.path("jobs").forEach(out::add);
      page = r.path("has_more").asBoolean(false) ? r.path("next_page_token").asText(null) : null;
    } while (page != null && !page.isBlank());
    return out;
  }

  JsonNode job(String base, long jobId) {
    return get(base, "/api/2.1/jobs/get?job_id=" + jobId);
  }

  /** Active runs (runs/list?active_only=true, all pages). */
  List<JsonNode> activeRuns(String base) {
    List<JsonNode> out = new ArrayList<>();
    String page = null;
    do {
      JsonNode r = get(base, "/api/2.1/jobs/runs/list?active_only=true&limit=25" + (page == null ? "" : "&page_token=" + enc(page)));
      r.path("runs").forEach(out::add);
      page = r.path("has_more").asBoolean(false) ? r.path("next_page_token").asText(null) : null;
    } while (page != null && !page.isBlank());
    return out;
  }

  void update(String base, long jobId, Map<String, Object> newSettings) {
    post(base, "/api/2.1/jobs/update", Map.of("job_id", jobId, "new_settings", newSettings));
  }

  void cancelRun(String base, long runId) {
    post(base, "/api/2.1/jobs/runs/cancel", Map.of("run_id", runId));
  }

  /** A serving endpoint with its config, pending config and state (GET serving-endpoints/{name}). */
  JsonNode servingEndpoint(String base, String name) {
    return get(base, "/api/2.0/serving-endpoints/" + enc(name));
  }

  /** Replaces a serving endpoint's served entities and traffic config; the endpoint updates asynchronously. */
  void updateServingConfig(String base, String name, Object config) {
    try {
      send(base, HttpRequest.newBuilder(URI.create(base + "/api/2.0/serving-endpoints/" + enc(name) + "/config"))
          .header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(config))), "/api/2.0/serving-endpoints/" + name + "/config");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode get(String base, String path) {
    return send(base, HttpRequest.newBuilder(URI.create(base + path)).GET(), path);
  }

  private JsonNode post(String base, String path, Object body) {
    try {
      return send(base, HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body))), path);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode send(String base, HttpRequest.Builder builder, String path) {
    String where = base + path.replaceFirst("\\?.*$", "");
    HttpResponse<String> response;
    try {
      response = http.send(builder.timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token.get()).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw ApplicationFailure.newFailureWithCause("Databricks workspace did not answer at " + where + ": " + e.getMessage(),
          ArmFailures.UNREACHABLE, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure("interrupted while calling " + where, "Interrupted");
    } catch (RuntimeException e) {
      throw ArmFailures.translate(e, where, ROLE);
    }
    JsonNode body = parse(response.body());
    if (response.statusCode() >= 400) {
      HttpHeaders headers = new HttpHeaders();
      response.headers().map().forEach((k, v) -> headers.set(HttpHeaderName.fromString(k), v));
      String code = body.path("error_code").asText(null);
      String message = body.path("message").asText(null);
      throw ArmFailures.forStatus(response.statusCode(), code, message, headers, where, ROLE, null);
    }
    return body;
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) return Json.MAPPER.createObjectNode();
    try {
      return Json.MAPPER.readTree(body);
    } catch (IOException e) {
      return Json.MAPPER.createObjectNode();
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
