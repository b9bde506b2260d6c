package dev.continuity.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A client of the emulator's control endpoints (/_emulator/...), for the CLI and tests. */
public final class EmulatorClient {
  private final String baseUrl;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** @param baseUrl the emulator's base URL, e.g. http://127.0.0.1:8123 */
  public EmulatorClient(String baseUrl) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  /** Takes a region down: its resources' control planes and health endpoints fail. */
  public JsonNode outage(String region) {
    return post("outage", Docs.JSON.objectNode().put("region", region));
  }

  public JsonNode restore(String region) {
    return post("restore", Docs.JSON.objectNode().put("region", region));
  }

  /** Health endpoints of the region answer 200 {"status":"degraded"} while degraded. */
  public JsonNode degraded(String region, boolean degraded) {
    return post("degraded", Docs.JSON.objectNode().put("region", region).put("degraded", degraded));
  }

  /** Makes a vantage point see a region as "down" or "up" whatever its health; "none" removes that. */
  public JsonNode partition(String vantage, String region, String view) {
    return post("partition", Docs.JSON.objectNode().put("vantage", vantage).put("region", region).put("view", view));
  }

  /** Transient faults (429, 500, dropped connections) on this fraction of ARM requests, from a seeded sequence. */
  public JsonNode faults(double rate, long seed) {
    return post("faults", Docs.JSON.objectNode().put("rate", rate).put("seed", seed));
  }

  public JsonNode faults(double rate) {
    return post("faults", Docs.JSON.objectNode().put("rate", rate));
  }

  /** Replication lag of data services in seconds (all of them when resourceId is null). */
  public JsonNode lag(double seconds, String resourceId) {
    ObjectNode b = Docs.JSON.objectNode().put("seconds", seconds);
    if (resourceId != null) b.put("resourceId", resourceId);
    return post("lag", b);
  }

  public JsonNode timeScale(double scale) {
    return post("time-scale", Docs.JSON.objectNode().put("timeScale", scale));
  }

  /**
   * Holds the next mutating ARM request on a resource whose path contains {@code resourceContains}
   * (case-insensitive) before it changes anything, until {@link #release()} or two minutes pass: a
   * test can kill the caller while the call is in flight. One hold at a time; arming again replaces it.
   *
   * @param method PUT, PATCH, POST or DELETE; null: any of them
   */
  public JsonNode hold(String resourceContains, String method) {
    ObjectNode b = Docs.JSON.objectNode().put("resourceContains", resourceContains);
    if (method != null) b.put("method", method);
    return post("hold", b);
  }

  /** Whether the request the hold waits for has arrived (it may since have been released). */
  public boolean holdArrived() {
    return get("hold").path("arrived").asBoolean();
  }

  /** Lets the held request go on; disarms a hold nothing matched yet. */
  public JsonNode release() {
    return post("release", Docs.JSON.objectNode());
  }

  /** The journal: {"entries": [{seq, time, resourceId, operation, before, after, operationId, dataLossSeconds}]}. */
  public JsonNode journal() {
    return get("journal");
  }

  public JsonNode journal(String resourceContains, String operation) {
    StringBuilder q = new StringBuilder("journal?");
    if (resourceContains != null) q.append("resource=").append(URLEncoder.encode(resourceContains, StandardCharsets.UTF_8)).append('&');
    if (operation != null) q.append("operation=").append(URLEncoder.encode(operation, StandardCharsets.UTF_8));
    return get(q.toString());
  }

  /** The journal as text, one change per line, for people (the CLI's {@code emulator journal}). */
  public String journalText() {
    StringBuilder b = new StringBuilder();
    for (JsonNode e : journal().path("entries")) {
      b.append(String.format("#%-4d %s  %-34s %s%n      %s -> %s%s%s%n", e.path("seq").asLong(), e.path("time").asText(),
          e.path("operation").asText(), e.path("resourceId").asText(), e.path("before").asText(), e.path("after").asText(),
          e.path("operationId").isTextual() ? "  [operation " + e.path("operationId").asText() + "]" : "",
          e.path("dataLossSeconds").isNumber() ? "  data loss " + e.path("dataLossSeconds").asDouble() + " s" : ""));
    }
    return b.length() == 0 ? "(no changes)\n" : b.toString();
  }

  public JsonNode state() {
    return get("state");
  }

  /** Re-seeds the estate from the inventory the emulator started with; clears journal, outages and faults. */
  public JsonNode reset() {
    return post("reset", Docs.JSON.objectNode());
  }

  public JsonNode get(String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + "/_emulator/" + path)).GET());
  }

  private JsonNode post(String path, ObjectNode body) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + "/_emulator/" + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  private JsonNode send(HttpRequest.Builder b) {
    try {
      HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body = r.body().isEmpty() ? Docs.JSON.objectNode() : ArmRouter.WIRE.readTree(r.body());
      if (r.statusCode() >= 400) {
        throw new IllegalStateException("The emulator refused the request (" + r.statusCode() + "): "
            + body.path("error").path("message").asText(r.body()));
      }
      return body;
    } catch (IOException e) {
      // A refused connection carries no message; say what it means instead of "null".
      String why = e instanceof java.net.ConnectException ? "nothing listens there (start one with: continuity emulator start)"
          : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
      throw new IllegalStateException("Cannot reach the emulator at " + baseUrl + ": " + why, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while calling the emulator", e);
    }
  }
}
