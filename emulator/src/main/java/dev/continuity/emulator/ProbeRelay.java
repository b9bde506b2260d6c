package dev.continuity.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The health-probe relay: {@code GET /_probe/<vantage>?url=<target>} answers the target's status and
 * body as seen from that vantage point. Targets named in the inventory's healthProbe resources (and
 * the emulator's own {@code /_health/<region>} URLs) are answered from region health and partitions;
 * any other URL is fetched for real. A Langfuse health URL ({@code .../api/public/health}) answers in
 * Langfuse's shape, {@code {"status":"OK","version":...}}.
 */
final class ProbeRelay {
  static final String LANGFUSE_VERSION = "3.112.0";
  private static final Pattern OWN_HEALTH = Pattern.compile(".*/_health/([A-Za-z0-9]+)/?$");
  private final Estate estate;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  ProbeRelay(Estate estate) {
    this.estate = estate;
  }

  ArmResponse handle(String path, Map<String, String> query) {
    if (path.startsWith("/_health/")) {
      String region = Regions.normalize(ResourcePath.trimSlashes(path.substring("/_health/".length())));
      synchronized (estate) {
        return answer(null, region);
      }
    }
    String vantage = java.net.URLDecoder.decode(ResourcePath.trimSlashes(path.substring("/_probe/".length())),
        java.nio.charset.StandardCharsets.UTF_8);
    String url = query.get("url");
    if (vantage.isEmpty() || url == null || url.isBlank()) {
      throw ArmException.badRequest("MissingParameter", "Use /_probe/<vantage>?url=<url-encoded target>.");
    }
    String region;
    synchronized (estate) {
      region = estate.state().probeTargets.get(url);
      if (region == null) {
        Matcher m = OWN_HEALTH.matcher(url);
        if (m.matches()) region = Regions.normalize(m.group(1));
      }
      if (region != null && url.replaceAll("/+$", "").endsWith("/api/public/health")) return langfuse(vantage, region);
      if (region != null) return answer(vantage, region);
    }
    return fetch(url);
  }

  /** What a health endpoint in {@code region} answers to {@code vantage} (null: no partition applies). */
  private ArmResponse answer(String vantage, String region) {
    ObjectNode b = Docs.JSON.objectNode();
    b.put("region", region);
    if (estate.regions.looksDown(vantage, region)) {
      b.put("status", "unavailable");
      return ArmResponse.of(503, b);
    }
    b.put("status", estate.regions.isDegraded(region) ? "degraded" : "healthy");
    return ArmResponse.ok(b);
  }

  private ArmResponse langfuse(String vantage, String region) {
    ObjectNode b = Docs.JSON.objectNode();
    if (estate.regions.looksDown(vantage, region)) {
      b.put("status", "unavailable");
      return ArmResponse.of(503, b);
    }
    b.put("status", "OK").put("version", LANGFUSE_VERSION);
    return ArmResponse.ok(b);
  }

  private ArmResponse fetch(String url) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      return ArmResponse.of(r.statusCode(), r.body().isEmpty() ? null : new TextNode(r.body()));
    } catch (IOException | IllegalArgumentException e) {
      return ArmResponse.of(502, ArmRouter.errorBody("ProbeTargetUnreachable", "The relay could not reach " + url + ": " + e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ArmResponse.of(502, ArmRouter.errorBody("ProbeInterrupted", "The relay was interrupted."));
    }
  }
}
