package dev.continuity.activities;

import com.fasterxml.jackson.databind.JsonNode;
import dev.continuity.model.Json;
import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.LangfuseActions;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Langfuse's health endpoint, read from the first vantage point of the target probe (through the
 * probe relay when one is configured, else straight from the worker). Langfuse answers
 * {@code {"status":"OK","version":...}} with HTTP 200 when it and its database are up.
 *
 * <p>Tracing is an observer of the application, so by default an unhealthy Langfuse does not fail the
 * step: the result records {@code telemetryHealthy=false} and the recovery goes on; the step's
 * message, which the report's step table shows, says that traces of the period are lost.
 */
public final class LangfuseActivities implements LangfuseActions {
  private static final Logger log = LoggerFactory.getLogger(LangfuseActivities.class);
  static final String TELEMETRY_HEALTHY = "telemetryHealthy";
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final ActivitiesConfig config;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();

  public LangfuseActivities(ActivitiesConfig config) {
    this.config = config;
  }

  @Override
  public ActionResult checkHealth(ActionRequest request) {
    String region = Params.string(request, "region");
    Boolean required = Params.optionalBool(request, "required");
    String url = url(request, region);
    String vantage = vantage(request);
    URI uri = config.probeRelay() == null ? URI.create(url)
        : URI.create(config.probeRelay() + "/" + URLEncoder.encode(vantage, StandardCharsets.UTF_8)
            + "?url=" + URLEncoder.encode(url, StandardCharsets.UTF_8));
    String problem;
    String version = null;
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body = parse(r.body());
      version = body.path("version").asText(null);
      problem = r.statusCode() == 200 && "OK".equalsIgnoreCase(body.path("status").asText()) ? null
          : "HTTP " + r.statusCode() + " " + abbreviate(r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure("interrupted while reading " + url, "Interrupted");
    } catch (Exception e) {
      problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put(TELEMETRY_HEALTHY, problem == null);
    facts.put("region", region);
    if (version != null) facts.put("langfuseVersion", version);
    if (problem == null) {
      return new ActionResult(false, "Langfuse in " + region + " is healthy" + (version == null ? "" : " (version " + version + ")"), facts);
    }
    if (Boolean.TRUE.equals(required)) {
      throw ApplicationFailure.newFailure("Langfuse in " + region + " is not healthy: " + problem, AzureCall.NOT_CONVERGED);
    }
    facts.put("degraded", "tracing");
    log.warn("Langfuse in {} is not healthy ({}); going on without traces", region, problem);
    return new ActionResult(false, "Langfuse in " + region + " is not healthy (" + problem
        + "): tracing is degraded, traces of this period are lost; the recovery goes on", facts);
  }

  private static String url(ActionRequest request, String region) {
    Object all = request.target() == null || request.target().properties() == null ? null
        : request.target().properties().get("endpoints");
    if (!(all instanceof Map<?, ?> byRegion)) {
      throw ApplicationFailure.newNonRetryableFailure("target " + (request.target() == null ? "(none)" : request.target().name())
          + " has no properties.endpoints (region -> Langfuse health URL)", "InvalidTarget");
    }
    Object value = byRegion.entrySet().stream().filter(e -> Regions.same(String.valueOf(e.getKey()), region))
        .map(Map.Entry::getValue).findFirst().orElse(null);
    if (value instanceof Collection<?> c) value = c.isEmpty() ? null : c.iterator().next();
    if (value == null) {
      throw Params.bad(request, "region", "is '" + region + "', which has no Langfuse URL in the target's properties.endpoints (has "
          + byRegion.keySet() + ")");
    }
    String url = value.toString();
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      throw ApplicationFailure.newNonRetryableFailure("Langfuse URL '" + url + "' for " + region + " is not an http(s) URL", "InvalidTarget");
    }
    return url;
  }

  private static String vantage(ActionRequest request) {
    Object raw = request.target() == null || request.target().properties() == null ? null
        : request.target().properties().get("vantagePoints");
    if (raw instanceof Collection<?> c && !c.isEmpty()) return String.valueOf(c.iterator().next());
    return ProbeActivities.DIRECT;
  }

  private static JsonNode parse(String body) {
    try {
      return body == null || body.isBlank() ? Json.MAPPER.missingNode() : Json.MAPPER.readTree(body);
    } catch (Exception e) {
      return Json.MAPPER.missingNode();
    }
  }

  private static String abbreviate(String s) {
    if (s == null) return "";
    String t = s.strip();
    return t.length() > 120 ? t.substring(0, 120) + "..." : t;
  }
}
