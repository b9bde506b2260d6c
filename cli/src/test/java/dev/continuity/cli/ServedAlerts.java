package dev.continuity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.continuity.starter.TemporalConnection;
import dev.continuity.starter.TemporalSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine;

/** {@code continuity starter serve} running in a thread of the test, and a client posting to it. */
final class ServedAlerts implements AutoCloseable {
  static final String SECRET = "a-test-secret-of-32-characters!!";

  final int port;
  private final Thread thread;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private volatile int exit = -1;
  private final HttpClient http = HttpClient.newHttpClient();

  ServedAlerts(Path config, Function<TemporalConnection, TemporalSession> connector, String... extra) throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Continuity c = new Continuity(Map.of("CONTINUITY_CONFIG", config.toString(), "CONTINUITY_ALERT_SECRET", SECRET), connector,
        ConfigSource.FILES);
    CommandLine cl = c.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    String[] args = new String[4 + extra.length];
    args[0] = "starter";
    args[1] = "serve";
    args[2] = "--host=127.0.0.1";
    args[3] = "--port=" + port;
    System.arraycopy(extra, 0, args, 4, extra.length);
    thread = new Thread(() -> exit = cl.execute(args), "alert-server-under-test");
    thread.start();
    long deadline = System.currentTimeMillis() + 20_000;
    while (!out.toString().contains("listening on")) {
      if (!thread.isAlive() || System.currentTimeMillis() > deadline) {
        throw new AssertionError("the server did not start: exit " + exit + "\n" + out + err);
      }
      Thread.sleep(50);
    }
  }

  String output() {
    return out.toString();
  }

  HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("X-Continuity-Secret", SECRET).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static String metricAlert(String id, String condition) {
    try (InputStream in = ServedAlerts.class.getResourceAsStream("/alerts/monitor-metric-fired.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e", id)
          .replace("\"monitorCondition\": \"Fired\"", "\"monitorCondition\": \"" + condition + "\"");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    thread.interrupt();
    thread.join(10_000);
    assertEquals(0, exit, "serve stops cleanly when interrupted\n" + out + err);
  }
}
