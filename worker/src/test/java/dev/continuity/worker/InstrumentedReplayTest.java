package dev.continuity.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.telemetry.Telemetry;
import dev.continuity.workflows.ContinuityNames;
import dev.continuity.workflows.Workflows;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.internal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The worker's interceptors (operation metrics, action log context, tracing) are not workflow code
 * but run inside it: every history the workflows module recorded still replays with all of them
 * installed, so they add no command; and a replayed operation, finished or not, counts nothing.
 */
class InstrumentedReplayTest {
  static final Path HISTORIES = Path.of("..", "workflows", "src", "test", "resources", "histories");

  @Test
  void everyRecordedHistoryReplaysWithTheInterceptorsAndEmitsNothing() throws Exception {
    List<Path> histories;
    try (Stream<Path> files = Files.list(HISTORIES)) {
      histories = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertTrue(histories.size() >= 4, "recorded histories in " + HISTORIES + ": " + histories);
    assertTrue(histories.stream().anyMatch(p -> p.getFileName().toString().equals("failover.json")),
        "a finished failover is among them, so the metrics of an operation's end are replayed: " + histories);

    InMemorySpanExporter spans = InMemorySpanExporter.create();
    OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
    try (Telemetry telemetry = Telemetry.tracingTo(otel);
        TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
            .setMetricsScope(telemetry.metricsScope())
            .setWorkerFactoryOptions(WorkerFactoryOptions.newBuilder()
                .setWorkerInterceptors(ContinuityWorker.interceptors(telemetry.workerInterceptors()).toArray(new WorkerInterceptor[0]))
                .build())
            .build())) {
      for (Path history : histories) {
        Worker worker = env.newWorker(ContinuityNames.TASK_QUEUE + "-" + history.getFileName(),
            WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(15_000).build());
        worker.registerWorkflowImplementationTypes(Workflows.implementationTypes());
        // Throws on any difference between the commands the code makes now and the recorded ones.
        WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(Files.readString(history)), worker);
      }
      // Longer than the scope's report interval: whatever the replays recorded would be in the registry now.
      Thread.sleep(2_500);
      String scrape = telemetry.scrape();
      assertTrue(scrape.contains("temporal_workflow_task_replay_latency"), "the replays reported to this registry:\n" + scrape);
      assertFalse(scrape.contains("continuity_"), "a replay counted an operation:\n" + scrape);
      // The SDK's tracing interceptor reports the inbound spans of a replayed run again (RunWorkflow,
      // HandleUpdate, HandleSignal: a trace may show them twice after a worker restart), but nothing
      // the run started: no activity, no child workflow.
      List<String> names = spans.getFinishedSpanItems().stream().map(s -> s.getName()).toList();
      assertTrue(names.stream().anyMatch(n -> n.startsWith("RunWorkflow:")), "the tracing interceptor was installed: " + names);
      assertEquals(List.of(), names.stream().filter(n -> n.startsWith("Start") || n.startsWith("RunActivity")).toList(),
          "a replay reported what the run started");
    }
  }
}
