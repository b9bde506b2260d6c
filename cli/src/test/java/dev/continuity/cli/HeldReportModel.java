package dev.continuity.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The report's model endpoint in the crash runs: an OpenAI-style endpoint that is down (503, so the
 * template writes the report) except when a test holds it, and then the next report's call waits on
 * it. A worker killed while the call waits dies in the middle of the report activity, whatever the
 * machine's speed.
 */
final class HeldReportModel implements AutoCloseable {
  private final HttpServer server;
  private final AtomicReference<CountDownLatch> hold = new AtomicReference<>();
  private volatile CountDownLatch arrived = new CountDownLatch(1);

  HeldReportModel() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "held-report-model");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", this::answer);
    server.start();
  }

  /** The worker's CONTINUITY_REPORT_MODELS: this endpoint alone, no retries, then the template. */
  String chain() {
    return "[{\"name\":\"crash-model\",\"kind\":\"openai\",\"endpoint\":\"http://127.0.0.1:" + server.getAddress().getPort()
        + "/v1\",\"model\":\"m\",\"apiKeyEnv\":\"" + KEY_ENV + "\",\"retries\":0,\"timeoutSeconds\":120,"
        // always down, it must never be skipped by its circuit breaker, or a held call would not come
        + "\"breakerFailures\":1000000}]";
  }

  static final String KEY_ENV = "CONTINUITY_CRASH_MODEL_KEY";

  /** The next report call waits until {@link #release()}. */
  void holdNext() {
    arrived = new CountDownLatch(1);
    hold.set(new CountDownLatch(1));
  }

  /** Whether the held call has arrived (the report activity is running). */
  boolean holding() {
    return arrived.getCount() == 0;
  }

  void release() {
    CountDownLatch h = hold.getAndSet(null);
    if (h != null) h.countDown();
  }

  private void answer(HttpExchange ex) throws IOException {
    try (ex) {
      ex.getRequestBody().readAllBytes();
      CountDownLatch h = hold.get();
      if (h != null && arrived.getCount() > 0) {
        arrived.countDown();
        try {
          h.await(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      byte[] body = "{\"error\":{\"message\":\"the crash test's model is down\",\"type\":\"server_error\"}}"
          .getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(503, body.length);
      ex.getResponseBody().write(body);
    } catch (IOException callerGone) {
      // the worker that asked was killed
    }
  }

  @Override
  public void close() {
    release();
    server.stop(0);
  }
}
