package dev.continuity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.continuity.model.Json;
import dev.continuity.model.operation.OperationTicket;
import dev.continuity.model.operation.Outcome;
import dev.continuity.model.plan.Mode;
import dev.continuity.model.timeline.EventKind;
import dev.continuity.starter.OperationStatus;
import dev.continuity.starter.TemporalSession;
import dev.continuity.telemetry.MetricsServer;
import dev.continuity.telemetry.Telemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failover as production runs it, observed as an operator would: an Azure Monitor alert posted to
 * {@code continuity starter serve} starts the failover of ai-platform on the emulator, a worker with
 * the production actions runs it on the in-process Temporal server; then the worker's /metrics and
 * the starter's /metrics are scraped, the spans are read from an in-memory exporter, and the Grafana
 * dashboard is checked against what was scraped.
 */
class ObservedFailoverTest {
  static final Path DASHBOARD = Path.of("..", "deploy", "grafana", "continuity.json");

  /**
   * Counters the SDK creates at their first failure: a healthy run cannot scrape them, so the
   * dashboard's use of them is checked against the SDK's own metric names instead.
   */
  static final Set<String> ONLY_AFTER_A_FAILURE = Set.of(
      "temporal_long_request_failure_total", "temporal_request_failure_total",
      "temporal_workflow_task_execution_failed_total", "temporal_activity_execution_failed_total");

  @Test
  void anAlertedFailoverIsMeasuredTracedAndShownOnTheDashboard(@TempDir Path reports) throws Exception {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
    try (Telemetry telemetry = Telemetry.tracingTo(otel);
        EmulatedEstate e = new EmulatedEstate(reports, telemetry);
        MetricsServer workerMetrics = MetricsServer.start(telemetry.registry(), 0, "127.0.0.1");
        ServedAlerts starter = new ServedAlerts(EmulatedEstate.SHIPPED, conn -> new TemporalSession(conn,
            e.temporal.getWorkflowServiceStubs(), e.temporal.getWorkflowClient(), e.temporal::getOperatorServiceStubs, false))) {
      e.control.outage("eastus2");
      HttpResponse<String> unauthenticated = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + starter.port + "/alerts"))
              .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(401, unauthenticated.statusCode());
      HttpResponse<String> alert = starter.post("/alerts", ServedAlerts.metricAlert("observed-1", "Fired"));
      assertEquals(200, alert.statusCode(), alert.body());
      JsonNode result = Json.MAPPER.readTree(alert.body()).path("results").get(0);
      assertEquals("started", result.path("outcome").asText(), alert.body());
      OperationTicket ticket = new OperationTicket(result.path("operationId").asText(), "ai-platform", Mode.FAILOVER, false);
      OperationStatus status = e.runToEnd(ticket, Mode.FAILOVER);
      assertEquals(Outcome.SUCCEEDED, status.result().outcome(), status.result().summary());

      // --- metrics: the worker's numbers appear within a report interval of the end
      Scrape worker = scrapeUntil("http://127.0.0.1:" + workerMetrics.port() + "/metrics",
          // Counters and gauges reach the registry at the scope's next report (every second), each when it comes.
          s -> Stream.of("continuity_operations_total", "continuity_rto_target_seconds", "continuity_rto_achieved_seconds",
              "continuity_rto_objective_total", "continuity_operations_started_total").allMatch(s::has)
              && s.has("temporal_workflow_completed_total", "workflow_type", "Failover"));
      String[] op = {"stamp", "ai-platform", "kind", "failover"};
      assertEquals(1, worker.sum("continuity_operations_started_total", op));
      assertEquals(1, worker.sum("continuity_operations_total", "stamp", "ai-platform", "kind", "failover", "outcome", "succeeded"));
      assertTrue(!worker.has("continuity_operations_total", "outcome", "failed"), "nothing failed");
      long actions = status.timeline().steps.stream().filter(s -> s.action != null).count();
      assertEquals(actions, worker.sum("continuity_step_duration_seconds_count", op), "one duration per step with an action");
      assertTrue(worker.has("continuity_step_duration_seconds_bucket", "action", "trafficManager.setEndpointPriority", "le", "+Inf"),
          worker.names().toString());
      // A gate whose condition does not hold is recorded as approved without a wait: only waits count.
      long approvals = status.timeline().events.stream().filter(ev -> ev.kind() == EventKind.APPROVAL_REQUESTED).count();
      assertTrue(approvals > 0, "a Sev1 failover of ai-platform waits for approval");
      assertEquals(approvals, worker.sum("continuity_approval_wait_seconds_count", "stamp", "ai-platform", "decision", "approved"));
      assertEquals(300, worker.sum("continuity_rto_target_seconds", op), "ai-platform's rtoMinutes is 5");
      double rto = worker.sum("continuity_rto_achieved_seconds", op);
      long elapsed = (status.timeline().endedAtMillis - status.timeline().triggeredAtMillis) / 1000;
      assertTrue(rto >= 0 && rto <= elapsed, "RTO " + rto + " s within the operation's " + elapsed + " s");
      assertEquals(1, worker.sum("continuity_rto_objective_total", "stamp", "ai-platform", "met", String.valueOf(rto <= 300)));
      // the SDK's own, through the same registry
      assertTrue(worker.sum("temporal_workflow_completed_total", "workflow_type", "Failover") >= 1, worker.names().toString());
      assertTrue(worker.has("temporal_workflow_task_schedule_to_start_latency_seconds_bucket"), worker.names().toString());
      assertTrue(worker.has("temporal_activity_schedule_to_start_latency_seconds_bucket", "activity_type", "trafficManager.setEndpointPriority"));
      assertTrue(worker.has("temporal_worker_task_slots_available", "worker_type", "ActivityWorker"), worker.names().toString());

      Scrape alerts = Scrape.get("http://127.0.0.1:" + starter.port + "/metrics");
      assertEquals(1, alerts.sum("continuity_alerts_received_total"));
      assertEquals(1, alerts.sum("continuity_alert_outcomes_total", "outcome", "started"));
      assertEquals(1, alerts.sum("continuity_alert_operations_started_total"));
      assertEquals(1, alerts.sum("continuity_alert_requests_refused_total", "reason", "unauthorized"));

      // --- traces: the alert's start, the stamp entity, the failover and its actions in one trace
      List<SpanData> all = spans.getFinishedSpanItems();
      SpanData start = only(all, "UpdateWithStartWorkflow:");
      // A workflow run's span may be reported more than once (a cache eviction replays it); each is in the trace.
      SpanData failover = all.stream().filter(s -> s.getName().equals("RunWorkflow:Failover")).findFirst()
          .orElseThrow(() -> new AssertionError("no failover span in " + names(all)));
      // Every workflow and activity span belongs to the alert's trace; an approval or a status query is a trace of its own.
      for (SpanData s : all) {
        if (s.getName().matches("(RunWorkflow|StartChildWorkflow|StartActivity|RunActivity):.*")) {
          assertEquals(start.getTraceId(), s.getTraceId(), s.getName() + " in " + names(all));
        }
      }
      SpanData traffic = all.stream().filter(s -> s.getName().equals("RunActivity:trafficManager.setEndpointPriority"))
          .findFirst().orElseThrow(() -> new AssertionError("no traffic action span in " + names(all)));
      assertEquals(start.getTraceId(), failover.getTraceId(), names(all));
      assertEquals(start.getTraceId(), traffic.getTraceId(), names(all));
      assertTrue(descendsFrom(traffic, failover, all), "the action's span descends from the failover's: " + names(all));
      assertTrue(descendsFrom(failover, start, all), "the failover's span descends from the client's start: " + names(all));
      assertTrue(all.stream().filter(s -> s.getName().startsWith("RunActivity:")).count() >= actions,
          "a span per action: " + names(all));

      // --- the dashboard queries only what the registries export
      Set<String> exported = new TreeSet<>(worker.names());
      exported.addAll(alerts.names());
      Set<String> queried = dashboardMetricNames();
      assertTrue(queried.size() > 15, "the dashboard queries " + queried);
      Set<String> sdkNames = sdkMetricNames();
      for (String name : queried) {
        if (ONLY_AFTER_A_FAILURE.contains(name)) {
          assertTrue(sdkNames.contains(name.replaceAll("_total$", "")), name + " is not one of the SDK's metrics");
        } else {
          assertTrue(exported.contains(name), "the dashboard queries " + name + ", which no scrape exports: " + exported);
        }
      }
    }
  }

  private static Scrape scrapeUntil(String url, java.util.function.Predicate<Scrape> ready) throws Exception {
    long deadline = System.currentTimeMillis() + 15_000;
    while (true) {
      Scrape s = Scrape.get(url);
      if (ready.test(s) || System.currentTimeMillis() > deadline) return s;
      Thread.sleep(200);
    }
  }

  static Set<String> dashboardMetricNames() throws Exception {
    JsonNode dashboard = Json.MAPPER.readTree(Files.readString(DASHBOARD));
    Set<String> names = new TreeSet<>();
    Pattern metric = Pattern.compile("\\b((?:continuity|temporal)_[a-z0-9_]+)");
    for (JsonNode expr : dashboard.findValues("expr")) {
      Matcher m = metric.matcher(expr.asText());
      while (m.find()) names.add(m.group(1));
    }
    for (JsonNode q : dashboard.findValues("definition")) {
      Matcher m = metric.matcher(q.asText());
      while (m.find()) names.add(m.group(1));
    }
    return names;
  }

  /** Every metric name the SDK declares, as Prometheus shows its counters. */
  private static Set<String> sdkMetricNames() throws Exception {
    Set<String> names = new HashSet<>();
    for (Class<?> c : List.of(io.temporal.worker.MetricsType.class, io.temporal.serviceclient.MetricsType.class)) {
      for (Field f : c.getFields()) {
        if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) names.add((String) f.get(null));
      }
    }
    return names;
  }

  private static SpanData only(List<SpanData> all, String prefix) {
    List<SpanData> found = all.stream().filter(s -> s.getName().startsWith(prefix)).toList();
    assertEquals(1, found.size(), prefix + " in " + names(all));
    return found.get(0);
  }

  private static boolean descendsFrom(SpanData span, SpanData ancestor, List<SpanData> all) {
    Map<String, SpanData> byId = new HashMap<>();
    for (SpanData s : all) byId.put(s.getSpanId(), s);
    SpanData at = span;
    for (int hops = 0; at != null && hops < 50; hops++) {
      if (at.getSpanId().equals(ancestor.getSpanId())) return true;
      at = byId.get(at.getParentSpanId());
    }
    return false;
  }

  private static String names(List<SpanData> all) {
    return all.stream().filter(s -> !s.getName().contains("Query")).map(s -> s.getName() + "(" + s.getSpanId() + "<" + s.getParentSpanId() + ")").collect(Collectors.joining(", "));
  }
}
