package dev.continuity.activities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.continuity.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A local HTTP server answering ARM requests with canned responses, recording every request.
 * Responses are queued per (method, path): each request takes the next, the last one repeats.
 */
final class CannedArm implements AutoCloseable {

  record Canned(int status, Map<String, String> headers, String body) {}

  record Recorded(String method, String path, Map<String, String> query, String body, Map<String, String> headers) {
    String apiVersion() {
      return query.get("api-version");
    }

    JsonNode json() {
      try {
        return Json.MAPPER.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public String toString() {
      return method + " " + path + " " + query + (body.isEmpty() ? "" : " " + body);
    }
  }

  private record Route(String method, Pattern path, Deque<Canned> responses) {}

  private final HttpServer server;
  private final List<Route> routes = Collections.synchronizedList(new ArrayList<>());
  private final List<Recorded> requests = Collections.synchronizedList(new ArrayList<>());

  CannedArm() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  String url(String path) {
    return endpoint() + path;
  }

  /** Queues responses for requests whose path (without query) equals {@code path}, case-insensitively. */
  CannedArm on(String method, String path, Canned... responses) {
    return onPattern(method, "(?i)" + Pattern.quote(path), responses);
  }

  CannedArm onPattern(String method, String regex, Canned... responses) {
    routes.add(0, new Route(method, Pattern.compile(regex), new ArrayDeque<>(List.of(responses))));
    return this;
  }

  List<Recorded> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  List<Recorded> requests(String method) {
    return requests().stream().filter(r -> r.method().equals(method)).toList();
  }

  /** Requests that change something (anything but GET). */
  List<Recorded> mutations() {
    return requests().stream().filter(r -> !r.method().equals("GET")).toList();
  }

  static Canned ok(String body) {
    return new Canned(200, Map.of(), body);
  }

  static Canned status(int status, Map<String, String> headers, String body) {
    return new Canned(status, headers, body);
  }

  static Canned accepted(Map<String, String> headers) {
    return new Canned(202, headers, "");
  }

  static String armError(String code, String message) {
    return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}";
  }

  /** The body of one response of one of Azure's own examples (test resources, copied from the spec repo). */
  static ObjectNode example(String file, String status) {
    try (InputStream in = CannedArm.class.getResourceAsStream("/arm-examples/" + file)) {
      if (in == null) throw new IllegalArgumentException("no example " + file);
      JsonNode root = Json.MAPPER.readTree(in);
      return (ObjectNode) root.path("responses").path(status).path("body").deepCopy();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String json(JsonNode node) {
    try {
      return Json.MAPPER.writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String path = exchange.getRequestURI().getRawPath();
    Map<String, String> query = new LinkedHashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        query.put(k, v);
      }
    }
    Map<String, String> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
    String method = exchange.getRequestMethod();
    requests.add(new Recorded(method, URLDecoder.decode(path, StandardCharsets.UTF_8), query, body, headers));

    Canned response = null;
    synchronized (routes) {
      for (Route r : routes) {
        if (r.method().equals(method) && r.path().matcher(URLDecoder.decode(path, StandardCharsets.UTF_8)).matches()) {
          response = r.responses().size() > 1 ? r.responses().poll() : r.responses().peek();
          break;
        }
      }
    }
    if (response == null) {
      response = new Canned(404, Map.of(), armError("NoCannedResponse", method + " " + path + " is not canned in this test"));
    }
    byte[] bytes = response.body() == null ? new byte[0] : response.body().getBytes(StandardCharsets.UTF_8);
    response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    if (bytes.length > 0) exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
