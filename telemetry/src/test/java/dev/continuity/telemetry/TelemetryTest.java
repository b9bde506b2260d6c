package dev.continuity.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.common.interceptors.WorkflowClientInterceptor;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class TelemetryTest {

  @ActivityInterface
  public interface Greeting {
    String greet(String name);
  }

  public static class GreetingImpl implements Greeting {
    @Override
    public String greet(String name) {
      return "hello " + name;
    }
  }

  @WorkflowInterface
  public interface Greeter {
    @WorkflowMethod
    String run(String name);
  }

  public static class GreeterImpl implements Greeter {
    @Override
    public String run(String name) {
      return Workflow.newActivityStub(Greeting.class,
          ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build()).greet(name);
    }
  }

  @Test
  void withoutAnEndpointNothingTraces() {
    try (Telemetry t = Telemetry.fromEnvironment(Map.of("OTEL_SERVICE_NAME", "x"), "continuity-worker")) {
      assertFalse(t.tracingEnabled());
      assertEquals(List.of(), t.clientInterceptors());
      assertEquals(List.of(), t.workerInterceptors());
    }
    try (Telemetry t = Telemetry.fromEnvironment(
        Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:1", "OTEL_SDK_DISABLED", "true"), "continuity-worker")) {
      assertFalse(t.tracingEnabled(), "OTEL_SDK_DISABLED wins");
    }
  }

  @Test
  void grpcIsRefusedWithWhatToSetInstead() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Telemetry.fromEnvironment(
        Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317", "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"), "continuity-worker"));
    assertTrue(e.getMessage().contains("OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf"), e.getMessage());
  }

  /** A collector stand-in: the OTLP/HTTP exporter posts protobuf to /v1/traces. */
  @Test
  void spansOfAWorkflowReachTheOtlpEndpoint() throws Exception {
    List<String> posts = new CopyOnWriteArrayList<>();
    HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    collector.createContext("/", x -> {
      try (x) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        x.getRequestBody().transferTo(body);
        posts.add(x.getRequestMethod() + " " + x.getRequestURI().getPath() + " " + x.getRequestHeaders().getFirst("Content-Type")
            + " " + body.toString(StandardCharsets.ISO_8859_1));
        x.sendResponseHeaders(200, -1);
      }
    });
    collector.start();
    try {
      Telemetry t = Telemetry.fromEnvironment(
          Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + collector.getAddress().getPort()), "continuity-worker");
      assertTrue(t.tracingEnabled());
      try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
          .setMetricsScope(t.metricsScope())
          .setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
              .setInterceptors(t.clientInterceptors().toArray(new WorkflowClientInterceptor[0])).build())
          .setWorkerFactoryOptions(WorkerFactoryOptions.newBuilder()
              .setWorkerInterceptors(t.workerInterceptors().toArray(new WorkerInterceptor[0])).build())
          .build())) {
        Worker w = env.newWorker("greetings");
        w.registerWorkflowImplementationTypes(GreeterImpl.class);
        w.registerActivitiesImplementations(new GreetingImpl());
        env.start();
        assertEquals("hello ops", env.getWorkflowClient().newWorkflowStub(Greeter.class,
            WorkflowOptions.newBuilder().setTaskQueue("greetings").setWorkflowId("greet-1").build()).run("ops"));
      }
      t.close(); // flushes the batch of spans
      String all = String.join("\n", posts);
      assertTrue(posts.stream().anyMatch(p -> p.startsWith("POST /v1/traces application/x-protobuf")), all);
      assertTrue(all.contains("continuity-worker"), "the service name is the default given");
      for (String span : List.of("StartWorkflow:Greeter", "RunWorkflow:Greeter", "RunActivity:Greet")) {
        assertTrue(all.contains(span), span + " was exported");
      }
    } finally {
      collector.stop(0);
    }
  }

  @Test
  void theMetricsPortComesFromTheEnvironment() {
    assertEquals(9464, MetricsServer.portFrom(Map.of()));
    assertEquals(9100, MetricsServer.portFrom(Map.of(MetricsServer.PORT_VARIABLE, " 9100 ")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MetricsServer.portFrom(Map.of(MetricsServer.PORT_VARIABLE, "metrics")));
    assertEquals("CONTINUITY_METRICS_PORT must be a port number (0-65535), not 'metrics'", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> MetricsServer.portFrom(Map.of(MetricsServer.PORT_VARIABLE, "70000")));
  }

  @Test
  void metricsAreServedInThePrometheusTextFormatAndATakenPortIsNamed() throws Exception {
    try (Telemetry t = Telemetry.metricsOnly();
        MetricsServer server = t.serveMetrics(Map.of(MetricsServer.PORT_VARIABLE, "0", MetricsServer.HOST_VARIABLE, "127.0.0.1"))) {
      t.registry().counter("continuity_test_things", "kind", "drill").increment(2);
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + server.port();
      java.net.http.HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/metrics")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode());
      assertEquals(MetricsServer.CONTENT_TYPE, r.headers().firstValue("Content-Type").orElse(""));
      assertTrue(r.body().contains("continuity_test_things_total{kind=\"drill\"} 2.0\n"), r.body());
      assertEquals(404, http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/other")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());
      assertEquals(405, http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/metrics"))
          .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());

      IllegalArgumentException taken = assertThrows(IllegalArgumentException.class,
          () -> MetricsServer.start(t.registry(), server.port(), "127.0.0.1"));
      assertTrue(taken.getMessage().startsWith("cannot serve metrics on 127.0.0.1:" + server.port()), taken.getMessage());
      assertTrue(taken.getMessage().endsWith("set CONTINUITY_METRICS_PORT to a free port"), taken.getMessage());
    }
  }
}
