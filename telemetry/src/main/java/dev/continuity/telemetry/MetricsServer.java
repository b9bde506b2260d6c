package dev.continuity.telemetry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * {@code GET /metrics} in the Prometheus text format, on the JDK's HTTP server: a worker has no
 * other HTTP endpoint, and the starter's alert port may be TLS-only or not reachable from the
 * scraper.
 */
public final class MetricsServer implements AutoCloseable {
  public static final String PORT_VARIABLE = "CONTINUITY_METRICS_PORT";
  public static final String HOST_VARIABLE = "CONTINUITY_METRICS_HOST";
  public static final int DEFAULT_PORT = 9464;
  /** The Prometheus text exposition format, version 0.0.4: what every scraper reads. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;

  private MetricsServer(HttpServer server) {
    this.server = server;
  }

  /** @param port 0 for any free port */
  public static MetricsServer start(PrometheusMeterRegistry registry, int port, String host) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 0);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot serve metrics on " + host + ":" + port + " (" + e.getMessage()
          + "); set " + PORT_VARIABLE + " to a free port");
    }
    server.createContext("/metrics", x -> answer(x, registry));
    // One thread: scrapes are rare and cheap, and must not compete with the worker's pollers.
    server.setExecutor(Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "continuity-metrics");
      t.setDaemon(true);
      return t;
    }));
    server.start();
    return new MetricsServer(server);
  }

  /** CONTINUITY_METRICS_PORT, or {@value #DEFAULT_PORT}; a clear message when it is not a port. */
  public static int portFrom(Map<String, String> env) {
    String v = env.get(PORT_VARIABLE);
    if (v == null || v.isBlank()) return DEFAULT_PORT;
    try {
      int port = Integer.parseInt(v.trim());
      if (port >= 0 && port <= 65535) return port;
    } catch (NumberFormatException ignored) {
      // the message below says what is expected
    }
    throw new IllegalArgumentException(PORT_VARIABLE + " must be a port number (0-65535), not '" + v + "'");
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdown();
  }

  private static void answer(HttpExchange x, PrometheusMeterRegistry registry) throws IOException {
    try (x) {
      if (!"/metrics".equals(x.getRequestURI().getPath())) {
        send(x, 404, "text/plain; charset=utf-8", "no such endpoint; use /metrics\n");
      } else if (!"GET".equals(x.getRequestMethod()) && !"HEAD".equals(x.getRequestMethod())) {
        x.getResponseHeaders().set("Allow", "GET, HEAD");
        send(x, 405, "text/plain; charset=utf-8", "use GET\n");
      } else {
        send(x, 200, CONTENT_TYPE, registry.scrape());
      }
    }
  }

  private static void send(HttpExchange x, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", type);
    boolean head = "HEAD".equals(x.getRequestMethod());
    x.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = x.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
