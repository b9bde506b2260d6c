package dev.continuity.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.continuity.model.Json;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front door of the emulator: transient faults, authentication, api-version, then the
 * operation-status URLs, the resource providers, and the emulator's own control and probe paths.
 */
final class ArmRouter implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(ArmRouter.class);
  static final ObjectMapper WIRE = Json.MAPPER.copy().disable(SerializationFeature.INDENT_OUTPUT);

  private final Estate estate;
  private final Map<String, ArmService> services = new HashMap<>();
  private final ControlApi control;
  private final RequestHold hold;
  private final ProbeRelay probes;
  private final ReplicationMetrics metrics;
  private final DatabricksJobs databricks;
  private final KubernetesApi kubernetes;
  private final String fallbackHost;

  ArmRouter(Estate estate, Iterable<ArmService> services, ControlApi control, RequestHold hold, ProbeRelay probes,
      String fallbackHost) {
    this.estate = estate;
    for (ArmService s : services) for (String k : s.serviceKeys()) this.services.put(k, s);
    this.control = control;
    this.hold = hold;
    this.probes = probes;
    this.metrics = new ReplicationMetrics(estate);
    this.databricks = new DatabricksJobs(estate);
    this.kubernetes = new KubernetesApi(estate);
    this.fallbackHost = fallbackHost;
  }

  static ObjectNode errorBody(String code, String message) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ObjectNode e = root.putObject("error");
    e.put("code", code);
    e.put("message", message);
    return root;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = requestPath(ex.getRequestURI());
      Map<String, String> query = parseQuery(ex.getRequestURI().getRawQuery());
      String host = ex.getRequestHeaders().getFirst("Host");
      String baseUrl = "http://" + (host == null || host.isBlank() ? fallbackHost : host);
      byte[] raw = ex.getRequestBody().readAllBytes();
      ArmResponse response;
      try {
        if (path.startsWith("/_probe/") || path.startsWith("/_health/")) {
          response = probes.handle(path, query);
        } else if (path.startsWith(DatabricksJobs.PREFIX)) {
          synchronized (estate) {
            estate.operations.tick();
            response = databricks.handle(ex.getRequestMethod(), path, query, parseBody(raw),
                ex.getRequestHeaders().getFirst("Authorization"));
          }
        } else if (path.startsWith(KubernetesApi.PREFIX)) {
          synchronized (estate) {
            estate.operations.tick();
            response = kubernetes.handle(ex.getRequestMethod(), path, parseBody(raw), ex.getRequestHeaders().getFirst("Authorization"));
          }
        } else if (path.startsWith("/_emulator")) {
          synchronized (estate) {
            estate.operations.tick();
            response = control.handle(ex.getRequestMethod(), path, query, parseBody(raw));
          }
        } else {
          try {
            // Outside the estate's lock: the rest of the emulator answers while one request is held.
            hold.awaitIfHeld(ex.getRequestMethod(), decoded(path));
          } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return;
          }
          response = arm(ex, path, query, raw, baseUrl);
          if (response == null) return; // connection dropped on purpose
        }
      } catch (ArmException e) {
        response = ArmResponse.of(e.status, errorBody(e.code, e.getMessage()));
        if (e.retryAfterSeconds > 0) response.header("Retry-After", String.valueOf(e.retryAfterSeconds));
      } catch (RuntimeException e) {
        log.error("emulator failed on {} {}", ex.getRequestMethod(), path, e);
        response = ArmResponse.of(500, errorBody("InternalServerError", "The emulator failed: " + e.getMessage()));
      }
      try {
        send(ex, response);
      } catch (IOException clientGone) {
        // A held request's caller may have died meanwhile (a killed worker): its change is made, the answer is lost.
        log.info("the client of {} {} went away before its answer: {}", ex.getRequestMethod(), path, clientGone.toString());
      }
    }
  }

  private static String decoded(String rawPath) {
    return URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private ArmResponse arm(HttpExchange ex, String rawPath, Map<String, String> query, byte[] raw, String baseUrl)
      throws IOException {
    String path = decoded(rawPath);
    synchronized (estate) {
      estate.operations.tick();
      switch (estate.faults.next()) {
        case THROTTLE -> {
          log.info("fault: 429 on {} {}", ex.getRequestMethod(), path);
          return ArmResponse.of(429, errorBody("TooManyRequests",
              "The request is being throttled (fault injected by the emulator).")).header("Retry-After", "1");
        }
        case SERVER_ERROR -> {
          log.info("fault: 500 on {} {}", ex.getRequestMethod(), path);
          return ArmResponse.of(500, errorBody("InternalServerError",
              "Encountered internal server error (fault injected by the emulator)."));
        }
        case DROP -> {
          log.info("fault: dropped connection on {} {}", ex.getRequestMethod(), path);
          return null; // the exchange is closed without a response: the client sees the connection drop
        }
        case NONE -> { }
      }
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7) || auth.length() <= 7) {
        return ArmResponse.of(401, errorBody("AuthenticationFailed",
                "Authentication failed. The 'Authorization' header is missing or is not a bearer token."))
            .header("WWW-Authenticate", "Bearer authorization_uri=\"https://login.microsoftonline.com/common\", error=\"invalid_token\"");
      }
      String apiVersion = query.get("api-version");
      if (apiVersion == null || apiVersion.isBlank()) {
        throw ArmException.badRequest("MissingApiVersionParameter",
            "The api-version query parameter (?api-version=) is required for all requests.");
      }
      Map<String, String> headers = new HashMap<>();
      ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.isEmpty() ? "" : v.get(0)));
      ArmRequest req = new ArmRequest(ex.getRequestMethod().toUpperCase(Locale.ROOT), path, query, headers,
          parseBody(raw), baseUrl, apiVersion);
      String[] segs = ResourcePath.trimSlashes(path).split("/");
      String last = segs[segs.length - 1];
      if (segs.length >= 4 && estate.operations.isPollToken(last)) {
        noteApiVersion(segs.length > 3 ? segs[3] : "?", apiVersion);
        if (!req.is("GET")) throw ArmService.methodNotAllowed(req);
        return estate.operations.poll(req, last);
      }
      String metricsOf = ReplicationMetrics.resourceOf(path);
      if (metricsOf != null) {
        noteApiVersion("microsoft.insights", apiVersion);
        return metrics.handle(req, metricsOf);
      }
      ResourcePath rp = ResourcePath.parse(path);
      if (rp == null) return subscriptionScope(req, segs);
      noteApiVersion(rp.namespace, apiVersion);
      ArmService service = services.get(rp.serviceKey());
      if (service == null) {
        throw new ArmException(400, "InvalidResourceType", "The resource type '" + rp.namespace + "/" + rp.type(0)
            + "' is not emulated.");
      }
      log.debug("{} {} api-version={}", req.method(), path, apiVersion);
      ArmResponse response = service.handle(req, rp);
      // One place writes the state file after a request that may have changed the estate.
      if (!req.is("GET")) estate.persist();
      return response;
    }
  }

  /** GET /subscriptions/{id}: what a client reads to check its subscription. */
  private ArmResponse subscriptionScope(ArmRequest req, String[] segs) {
    if (req.is("GET") && segs.length == 2 && segs[0].equalsIgnoreCase("subscriptions")) {
      ObjectNode b = JsonNodeFactory.instance.objectNode();
      b.put("id", "/subscriptions/" + segs[1]);
      b.put("subscriptionId", segs[1]);
      b.put("displayName", "Continuity emulator");
      b.put("state", "Enabled");
      return ArmResponse.ok(b);
    }
    throw new ArmException(404, "NotFound", "No emulated resource at '" + req.path() + "'.");
  }

  private void noteApiVersion(String namespace, String apiVersion) {
    TreeSet<String> seen = estate.state().apiVersionsSeen.computeIfAbsent(namespace.toLowerCase(Locale.ROOT), k -> new TreeSet<>());
    if (seen.add(apiVersion)) log.info("api-version {} used for {}", apiVersion, namespace);
  }

  /**
   * The request path with repeated slashes collapsed. A client that joins an endpoint ending in "/"
   * with a path template starting with "/" sends "//subscriptions/...", which parses as a URI whose
   * authority is "subscriptions"; ARM treats it as the same path, and so does the emulator.
   */
  static String requestPath(java.net.URI uri) {
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (uri.getScheme() == null && uri.getRawAuthority() != null) path = "/" + uri.getRawAuthority() + path;
    return path.replaceAll("/{2,}", "/");
  }

  static JsonNode parseBody(byte[] raw) {
    if (raw.length == 0) return null;
    try {
      return WIRE.readTree(raw);
    } catch (IOException e) {
      throw ArmException.badRequest("InvalidRequestContent", "The request content was invalid JSON: " + e.getMessage());
    }
  }

  static Map<String, String> parseQuery(String rawQuery) {
    Map<String, String> q = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) return q;
    for (String part : rawQuery.split("&")) {
      if (part.isEmpty()) continue;
      int eq = part.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
      q.put(k, v);
    }
    return q;
  }

  private static void send(HttpExchange ex, ArmResponse r) throws IOException {
    r.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
    ex.getResponseHeaders().add("x-ms-request-id", UUID.randomUUID().toString());
    if (r.body() == null) {
      ex.sendResponseHeaders(r.status(), -1);
      return;
    }
    byte[] bytes = r.body().isTextual() ? r.body().asText().getBytes(StandardCharsets.UTF_8) : WIRE.writeValueAsBytes(r.body());
    ex.getResponseHeaders().add("Content-Type", r.body().isTextual() ? "text/plain; charset=utf-8" : "application/json; charset=utf-8");
    ex.sendResponseHeaders(r.status(), bytes.length);
    ex.getResponseBody().write(bytes);
  }
}
