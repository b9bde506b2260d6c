package dev.continuity.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuity.activities.ActivitiesConfig;
import dev.continuity.emulator.ArmEmulator;
import dev.continuity.emulator.EmulatorClient;
import dev.continuity.model.config.Estate;
import dev.continuity.model.config.PlanCompiler;
import dev.continuity.model.estate.Severity;
import dev.continuity.model.estate.Stamp;
import dev.continuity.model.operation.ApprovalRequest;
import dev.continuity.model.operation.OperationRequest;
import dev.continuity.model.operation.OperationTicket;
import dev.continuity.model.operation.StampSettings;
import dev.continuity.model.plan.Mode;
import dev.continuity.model.plan.Plan;
import dev.continuity.model.plan.PlanStep;
import dev.continuity.model.timeline.StepRecord;
import dev.continuity.model.timeline.StepState;
import dev.continuity.starter.OperationControl;
import dev.continuity.starter.OperationStarter;
import dev.continuity.starter.OperationStatus;
import dev.continuity.starter.SearchAttributeSetup;
import dev.continuity.starter.StartOutcome;
import dev.continuity.worker.ContinuityWorker;
import dev.continuity.worker.ProductionActivities;
import dev.continuity.workflows.ContinuityNames;
import dev.continuity.workflows.Workflows;
import dev.continuity.telemetry.Telemetry;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.common.interceptors.WorkflowClientInterceptor;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shipped estate on the ARM emulator, run by a worker with the production activities on the
 * in-process Temporal server: what the demo runs, made drivable by a test.
 */
final class EmulatedEstate implements AutoCloseable {
  static final Path SHIPPED = Path.of("..", "runbooks");

  final Estate estate;
  final ArmEmulator emulator;
  final EmulatorClient control;
  final TestWorkflowEnvironment temporal;
  final OperationControl operations;

  EmulatedEstate(Path reports) throws Exception {
    this(reports, null);
  }

  /** @param telemetry when given, the SDK reports to its registry and the client and worker trace through it, as in production */
  EmulatedEstate(Path reports, Telemetry telemetry) throws Exception {
    estate = Estate.load(SHIPPED);
    emulator = ArmEmulator.start(0, null, 0, estate.inventory());
    control = new EmulatorClient(emulator.baseUrl());
    TestEnvironmentOptions.Builder options = TestEnvironmentOptions.newBuilder().setUseTimeskipping(false);
    if (telemetry != null) {
      options.setMetricsScope(telemetry.metricsScope())
          .setWorkerFactoryOptions(WorkerFactoryOptions.newBuilder()
              .setWorkerInterceptors(ContinuityWorker.interceptors(telemetry.workerInterceptors()).toArray(new WorkerInterceptor[0]))
              .build())
          .setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
              .setInterceptors(telemetry.clientInterceptors().toArray(new WorkflowClientInterceptor[0]))
              .build());
    }
    temporal = TestWorkflowEnvironment.newInstance(options.build());
    SearchAttributeSetup.ATTRIBUTES.forEach(temporal::registerSearchAttribute);
    ContinuityWorker.register(temporal.newWorker(ContinuityNames.TASK_QUEUE), Workflows.IMPLEMENTATIONS,
        ProductionActivities.create(ActivitiesConfig.emulator(URI.create(emulator.baseUrl()), 0), reports));
    temporal.start();
    operations = new OperationControl(temporal.getWorkflowClient());
  }

  Stamp stamp(String name) {
    return estate.inventory().stamp(name);
  }

  /** Requests an operation with no cooldown (the test runs failover and failback back to back). */
  OperationTicket request(String stampName, Mode mode, Severity severity, boolean planned) throws Exception {
    Stamp s = stamp(stampName);
    Plan plan = PlanCompiler.compile(estate, stampName, mode);
    long now = System.currentTimeMillis();
    OperationRequest request = new OperationRequest(plan, severity, planned, "test " + mode.text(), "test", "test-" + mode + now, now);
    StartOutcome outcome = new OperationStarter(temporal.getWorkflowClient())
        .request(new StampSettings(s.name(), s.primaryRegion(), s.secondaryRegion(), Duration.ZERO, null), request);
    if (outcome instanceof StartOutcome.Refused r) fail("refused: " + r.reason());
    return ((StartOutcome.Accepted) outcome).ticket();
  }

  /** Follows the operation to its end, approving each gate as the first identity it allows; a failed step fails the test. */
  OperationStatus runToEnd(OperationTicket ticket, Mode mode) throws Exception {
    Plan plan = PlanCompiler.compile(estate, ticket.stamp(), mode);
    long deadline = System.currentTimeMillis() + 120_000;
    while (System.currentTimeMillis() < deadline) {
      OperationStatus s = operations.status(ticket.operationId());
      if (!s.running()) return s;
      for (StepRecord step : s.timeline() == null ? java.util.List.<StepRecord>of() : s.timeline().steps) {
        if (step.state == StepState.AWAITING_APPROVAL) {
          PlanStep p = plan.step(step.id);
          operations.approve(ticket.operationId(), new ApprovalRequest(step.id, true, p.approval().allowed().get(0), "test"));
        }
        if (step.state == StepState.AWAITING_DECISION) fail("step " + step.id + " failed: " + step.error);
      }
      Thread.sleep(100);
    }
    throw new AssertionError(ticket.operationId() + " did not end within 2 minutes");
  }

  /**
   * Every resource as the emulator holds it, less what Azure itself changes on its own or records
   * about the last operation (provisioning markers, times, replication statistics, etags). Nodes
   * compare regardless of field order.
   */
  Map<String, JsonNode> estateSnapshot() {
    return estateSnapshot(control);
  }

  /**
   * Each resource whose state differs between two snapshots, with both states ({@code was} and
   * {@code is} name them in the message), so a failure says what did not come back. Empty: the same estate.
   */
  static java.util.List<String> differences(Map<String, JsonNode> expected, Map<String, JsonNode> actual, String was, String is) {
    java.util.List<String> diffs = new java.util.ArrayList<>();
    java.util.Set<String> keys = new java.util.TreeSet<>(expected.keySet());
    keys.addAll(actual.keySet());
    for (String k : keys) {
      if (!java.util.Objects.equals(expected.get(k), actual.get(k))) {
        diffs.add(k + "\n  " + was + ": " + expected.get(k) + "\n  " + is + ": " + actual.get(k));
      }
    }
    return diffs;
  }

  /** A journal entry's JSON value with its keys sorted, so two writes of one object compare equal whatever order their fields came in. */
  static String canonical(String after) {
    if (!after.startsWith("{") && !after.startsWith("[")) return after;
    try {
      return SORTED.writeValueAsString(SORTED.readValue(after, Object.class));
    } catch (java.io.IOException notJson) {
      return after;
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper SORTED = new com.fasterxml.jackson.databind.ObjectMapper()
      .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  /** {@link #estateSnapshot()} of any emulator. */
  static Map<String, JsonNode> estateSnapshot(EmulatorClient control) {
    JsonNode resources = control.state().path("resources");
    Map<String, JsonNode> snapshot = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode copy = e.getValue().deepCopy();
      strip(copy);
      snapshot.put(e.getKey(), copy);
    }
    assertTrue(snapshot.size() > 10, "the emulator holds the shipped estate");
    return snapshot;
  }

  private static final java.util.Set<String> VOLATILE = java.util.Set.of(
      "provisioningState", "systemData", "etag", "lastModifiedTime", "lastModifiedTimeUtc", "geoReplicationStats",
      "lastGeoFailoverTime", "failoverInProgress", "statusOfPrimary", "statusOfSecondary", "creationTime",
      "endpointMonitorStatus", "lastEnabledTime", "state", "powerState", "slotSwapStatus");

  private static void strip(JsonNode node) {
    if (node instanceof ObjectNode o) {
      o.remove(VOLATILE);
      o.elements().forEachRemaining(EmulatedEstate::strip);
    } else if (node.isArray()) {
      node.elements().forEachRemaining(EmulatedEstate::strip);
    }
  }

  @Override
  public void close() {
    temporal.close();
    emulator.stop();
  }
}
