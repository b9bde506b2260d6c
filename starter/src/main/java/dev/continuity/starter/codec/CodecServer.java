package dev.continuity.starter.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The codec endpoint the Temporal Web UI (and {@code temporal --codec-endpoint}) calls to show
 * encrypted payloads in clear to an operator: {@code POST /decode} and {@code POST /encode} with
 * {@code {"payloads": [{"metadata": {...base64}, "data": "base64"}]}}, Temporal's codec-server
 * protocol. The browser calls it from the UI's origin, so it answers CORS for exactly those origins.
 * It holds the keys: run it where operators are, never expose it beyond them.
 */
public final class CodecServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CodecServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY = 16 * 1024 * 1024;

  private final HttpServer server;

  private CodecServer(HttpServer server) {
    this.server = server;
  }

  /**
   * @param bind the address to listen on (loopback unless operators reach it from elsewhere)
   * @param port 0 picks a free port
   * @param allowedOrigins the Web UI origins allowed to call it from a browser, e.g. http://localhost:8233
   */
  public static CodecServer start(String bind, int port, PayloadCodec codec, Set<String> allowedOrigins) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(bind, port), 32);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + bind + ":" + port + ": " + e.getMessage(), e);
    }
    server.createContext("/", exchange -> {
      try {
        handle(exchange, codec, allowedOrigins);
      } catch (RuntimeException e) {
        log.warn("codec request failed: {}", e.getMessage());
        respond(exchange, 400, "{\"error\":" + JSON.writeValueAsString(String.valueOf(e.getMessage())) + "}");
      } finally {
        exchange.close();
      }
    });
    server.setExecutor(Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "codec-server");
      t.setDaemon(true);
      return t;
    }));
    server.start();
    log.info("codec server on http://{}:{} for origins {}", bind, server.getAddress().getPort(), allowedOrigins);
    return new CodecServer(server);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void handle(HttpExchange ex, PayloadCodec codec, Set<String> origins) throws IOException {
    String origin = ex.getRequestHeaders().getFirst("Origin");
    if (origin != null && (origins.contains(origin) || origins.contains("*"))) {
      ex.getResponseHeaders().set("Access-Control-Allow-Origin", origin);
      ex.getResponseHeaders().set("Vary", "Origin");
      ex.getResponseHeaders().set("Access-Control-Allow-Methods", "POST, OPTIONS");
      ex.getResponseHeaders().set("Access-Control-Allow-Headers", "Content-Type, X-Namespace, Authorization");
      ex.getResponseHeaders().set("Access-Control-Allow-Credentials", "true");
    }
    String path = ex.getRequestURI().getPath();
    if (path.endsWith("/")) path = path.substring(0, path.length() - 1);
    if ("OPTIONS".equals(ex.getRequestMethod())) {
      respond(ex, 200, "");
      return;
    }
    boolean decode = path.endsWith("/decode");
    if (!"POST".equals(ex.getRequestMethod()) || !(decode || path.endsWith("/encode"))) {
      respond(ex, 404, "{\"error\":\"POST /encode or /decode\"}");
      return;
    }
    JsonNode body = JSON.readTree(readBody(ex.getRequestBody()));
    List<Payload> in = fromJson(body.path("payloads"));
    List<Payload> out = decode ? codec.decode(in) : codec.encode(in);
    respond(ex, 200, JSON.writeValueAsString(toJson(out)));
  }

  private static byte[] readBody(InputStream in) throws IOException {
    byte[] b = in.readNBytes(MAX_BODY + 1);
    if (b.length > MAX_BODY) throw new IllegalArgumentException("request larger than " + MAX_BODY + " bytes");
    return b;
  }

  /** Payloads in protobuf's JSON form: bytes as base64. */
  public static List<Payload> fromJson(JsonNode payloads) {
    if (!payloads.isArray()) throw new IllegalArgumentException("expected {\"payloads\": [...]}");
    Base64.Decoder b64 = Base64.getDecoder();
    List<Payload> list = new ArrayList<>();
    for (JsonNode p : payloads) {
      Payload.Builder b = Payload.newBuilder();
      for (Iterator<Map.Entry<String, JsonNode>> it = p.path("metadata").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> m = it.next();
        b.putMetadata(m.getKey(), ByteString.copyFrom(b64.decode(m.getValue().asText())));
      }
      if (p.hasNonNull("data")) b.setData(ByteString.copyFrom(b64.decode(p.get("data").asText())));
      list.add(b.build());
    }
    return list;
  }

  public static ObjectNode toJson(List<Payload> payloads) {
    Base64.Encoder b64 = Base64.getEncoder();
    ObjectNode root = JSON.createObjectNode();
    ArrayNode arr = root.putArray("payloads");
    for (Payload p : payloads) {
      ObjectNode o = arr.addObject();
      ObjectNode meta = o.putObject("metadata");
      p.getMetadataMap().forEach((k, v) -> meta.put(k, b64.encodeToString(v.toByteArray())));
      o.put("data", b64.encodeToString(p.getData().toByteArray()));
    }
    return root;
  }

  private static void respond(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (!body.isEmpty()) ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) ex.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
