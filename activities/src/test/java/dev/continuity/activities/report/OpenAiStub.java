package dev.continuity.activities.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.continuity.model.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A local OpenAI-compatible chat endpoint: answers {@code POST .../chat/completions} with the
 * behaviours queued by the test (the last one repeats), and records every request body.
 */
final class OpenAiStub implements AutoCloseable {
  /** What the next request gets. */
  record Behaviour(int status, String content, String retryAfterHeader, String retryAfterValue, long hangMillis) {}

  static Behaviour answer(String markdown) {
    return new Behaviour(200, markdown, null, null, 0);
  }

  static Behaviour status(int status) {
    return new Behaviour(status, null, null, null, 0);
  }

  static Behaviour throttle(String header, String value) {
    return new Behaviour(429, null, header, value, 0);
  }

  static Behaviour hang(long millis) {
    return new Behaviour(200, null, null, null, millis);
  }

  private final HttpServer server;
  private final Deque<Behaviour> behaviours = new ArrayDeque<>();
  final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  final List<String> authorizations = new CopyOnWriteArrayList<>();
  final List<String> apiKeys = new CopyOnWriteArrayList<>();
  final List<String> uris = new CopyOnWriteArrayList<>();

  OpenAiStub(Behaviour... queued) throws IOException {
    behaviours.addAll(List.of(queued));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  /** The stub as an Azure OpenAI resource endpoint (no path). */
  String resourceUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** The user message of every request, in order. */
  List<String> prompts() {
    return requests.stream().map(r -> r.get("messages").toString()).toList();
  }

  private synchronized Behaviour next() {
    return behaviours.size() > 1 ? behaviours.poll() : behaviours.peek();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (!ex.getRequestURI().getPath().endsWith("/chat/completions")) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      requests.add(Json.MAPPER.readTree(ex.getRequestBody().readAllBytes()));
      authorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
      apiKeys.add(String.valueOf(ex.getRequestHeaders().getFirst("api-key")));
      uris.add(ex.getRequestURI().toString());
      Behaviour b = next();
      if (b.hangMillis() > 0) {
        try {
          Thread.sleep(b.hangMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return;
      }
      ex.getResponseHeaders().add("Content-Type", "application/json");
      if (b.retryAfterHeader() != null) ex.getResponseHeaders().add(b.retryAfterHeader(), b.retryAfterValue());
      byte[] body;
      if (b.status() != 200) {
        body = ("{\"error\":{\"message\":\"stub says " + b.status() + "\",\"type\":\"server_error\"}}").getBytes(StandardCharsets.UTF_8);
      } else {
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("id", "chatcmpl-stub").put("object", "chat.completion").put("created", 1_700_000_000L).put("model", "stub");
        ObjectNode choice = r.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", b.content());
        body = Json.MAPPER.writeValueAsBytes(r);
      }
      ex.sendResponseHeaders(b.status(), body.length);
      ex.getResponseBody().write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
