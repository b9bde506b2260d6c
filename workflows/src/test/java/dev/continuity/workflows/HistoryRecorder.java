package dev.continuity.workflows;

import static dev.continuity.workflows.EngineHarness.*;
import static dev.continuity.workflows.TestPlans.*;

import dev.continuity.model.estate.Severity;
import dev.continuity.model.estate.TimeoutOutcome;
import dev.continuity.model.operation.ApprovalRequest;
import dev.continuity.model.operation.DecisionRequest;
import dev.continuity.model.operation.OperationRequest;
import dev.continuity.model.operation.OperationResult;
import dev.continuity.model.operation.OperationTicket;
import dev.continuity.model.operation.StampSettings;
import dev.continuity.model.operation.StepDecision;
import dev.continuity.model.plan.GateCondition;
import dev.continuity.model.plan.Mode;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the histories that {@link HistoryReplayTest} replays. Run it on purpose, when a change of
 * workflow code is meant to be recorded as the new baseline (old histories stay, new ones are added
 * with a new name):
 * {@code mvn -pl workflows -am test -Dtest=HistoryRecorder -Dsurefire.failIfNoSpecifiedTests=false -Dcontinuity.recordHistories=true}
 */
@EnabledIfSystemProperty(named = "continuity.recordHistories", matches = "true")
class HistoryRecorder {
  static final Path DIR = Path.of("src/test/resources/histories");
  private static final Duration GATE_TIMEOUT = Duration.ofMinutes(15);

  private static void save(WorkflowClient client, String workflowId, String file) throws Exception {
    Files.createDirectories(DIR);
    Files.writeString(DIR.resolve(file), client.fetchHistory(workflowId).toJson(true));
  }

  @Test
  void failover() throws Exception {
    recordFailover("failover.json");
  }

  /** The same failover after the "notifications" version: approval, decision and end notices. */
  @Test
  void failoverWithNotifications() throws Exception {
    recordFailover("failover-notifications.json");
  }

  private static void recordFailover(String file) throws Exception {
    try (EngineHarness h = new EngineHarness()) {
      h.actions.failTimes("cosmos", 2).delay("traffic", 200).delay("cosmos", 200);
      var op = h.start(request(plan(Mode.FAILOVER,
          step("probe", "probe.regionDown"),
          gated("approve", null, gate(GateCondition.POLICY, GATE_TIMEOUT, TimeoutOutcome.ABORT), "probe"),
          step("traffic", "trafficManager.setEndpointPriority", "approve"),
          step("cosmos", "cosmos.setWriteRegion", "approve"),
          step("verify", "probe.httpHealth", "traffic", "cosmos")), Severity.Sev2));
      awaitPhase(op, "awaiting-approval");
      op.approvalSignal(new ApprovalRequest(null, true, DAVE, "not allowed"));
      EngineHarness.approve(op, new ApprovalRequest(null, true, ALICE, "confirmed"));
      awaitPhase(op, "awaiting-decision");
      EngineHarness.decide(op, new DecisionRequest("cosmos", StepDecision.RETRY, BOB, "retry"));
      result(op);
      save(h.client, WorkflowStub.fromTyped(op).getExecution().getWorkflowId(), file);
    }
  }

  @Test
  void failback() throws Exception {
    try (EngineHarness h = new EngineHarness()) {
      h.actions.failAlways("cosmos", true);
      var op = h.start(request(plan(Mode.FAILBACK,
          step("cosmos", "cosmos.setWriteRegion"),
          step("traffic", "trafficManager.setEndpointPriority"),
          step("verify", "probe.httpHealth", "cosmos", "traffic")), null));
      awaitPhase(op, "awaiting-decision");
      op.decisionSignal(new DecisionRequest("cosmos", StepDecision.SKIP, ALICE, "fix by hand"));
      result(op);
      save(h.client, WorkflowStub.fromTyped(op).getExecution().getWorkflowId(), "failback.json");
    }
  }

  @Test
  void drill() throws Exception {
    try (EngineHarness h = new EngineHarness()) {
      var op = h.start(new OperationRequest(plan(Mode.DRILL,
          phased("failover", "failover/traffic", "trafficManager.setEndpointPriority"),
          gated("validate/signoff", null, gate(GateCondition.ALWAYS, GATE_TIMEOUT, TimeoutOutcome.ESCALATE), "failover/traffic"),
          phased("validate", "validate/health", "probe.httpHealth", "failover/traffic"),
          phased("failback", "failback/traffic", "trafficManager.setEndpointPriority", "validate/health", "validate/signoff")),
          null, true, "quarterly drill", "schedule:q4", "drill-q4", 0L));
      awaitPhase(op, "awaiting-approval");
      h.env.sleep(GATE_TIMEOUT.plusMinutes(1));
      awaitTimeline(op, t -> t.events.stream().anyMatch(e -> e.kind() == dev.continuity.model.timeline.EventKind.APPROVAL_ESCALATED), "escalation");
      EngineHarness.approve(op, new ApprovalRequest(null, true, CAROL, "drill looks fine"));
      result(op);
      save(h.client, WorkflowStub.fromTyped(op).getExecution().getWorkflowId(), "drill.json");
    }
  }

  @Test
  void stamp() throws Exception {
    try (EngineHarness h = new EngineHarness()) {
      String id = ContinuityNames.stampWorkflowId(STAMP);
      StampWorkflow stamp = h.client.newWorkflowStub(StampWorkflow.class,
          WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(ContinuityNames.TASK_QUEUE).build());
      WorkflowClient.start(stamp::run, new StampSettings(STAMP, PRIMARY, SECONDARY, Duration.ofMinutes(10), null));
      OperationTicket failover = EngineHarness.request(stamp, request(StampWorkflowTest.quick(Mode.FAILOVER), Severity.Sev0, "alert-1"));
      EngineHarness.request(stamp, request(StampWorkflowTest.quick(Mode.FAILOVER), Severity.Sev0, "alert-2"));
      try {
        EngineHarness.request(stamp, request(StampWorkflowTest.quick(Mode.FAILBACK), null, "manual"));
      } catch (io.temporal.client.WorkflowUpdateException expected) {
        // refused while the failover runs
      }
      h.client.newUntypedWorkflowStub(failover.operationId()).getResult(OperationResult.class);
      waitIdle(stamp);
      h.env.sleep(Duration.ofMinutes(11));
      OperationTicket failback = EngineHarness.request(stamp, request(StampWorkflowTest.quick(Mode.FAILBACK), null, "manual"));
      h.client.newUntypedWorkflowStub(failback.operationId()).getResult(OperationResult.class);
      waitIdle(stamp);
      save(h.client, id, "stamp.json");
    }
  }

  @Test
  void scheduledDrill() {
    ScheduledDrillWorkflowTest.run(new AnsweringDrillRequests(null, dev.continuity.model.operation.Outcome.SUCCEEDED, 1), (client, id) -> {
      try {
        save(client, id, "scheduled-drill.json");
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    ScheduledDrillWorkflowTest.run(new AnsweringDrillRequests("stamp ai-platform is running failover x", null, 0), (client, id) -> {
      try {
        save(client, id, "scheduled-drill-refused.json");
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
  }

  /** A probe loop: an outage seen K rounds in a row raises an alarm; a healthy round; stopped. */
  @Test
  void probeLoop() throws Exception {
    StampProbeWorkflowTest loop = new StampProbeWorkflowTest();
    try {
      loop.start("UDDDDUD", 'U', StampProbeWorkflowTest.input(3, 500));
      loop.runRounds(null, 8);
      save(loop.env.getWorkflowClient(), ContinuityNames.probeWorkflowId("ai-platform"), "probe-loop.json");
    } finally {
      loop.close();
    }
  }

  /** A probe loop handed new settings while it runs: K 3 -> 2 (streak kept), then another region (streak restarted); stopped. */
  @Test
  void probeLoopReconfigured() throws Exception {
    StampProbeWorkflowTest loop = new StampProbeWorkflowTest();
    try {
      ProbeLoopInput k3 = StampProbeWorkflowTest.input(3, 500);
      StampProbeWorkflow running = loop.start("DDDUDD", 'U', k3);
      loop.awaitRounds(1);
      running.reconfigure(StampProbeWorkflowTest.changed(k3, "eastus2", "westus2", StampProbeWorkflowTest.INTERVAL, 2, 2));
      loop.awaitRounds(4);
      running.reconfigure(StampProbeWorkflowTest.changed(k3, "westus2", "eastus2", StampProbeWorkflowTest.INTERVAL, 2, 2));
      loop.runRounds(null, 8);
      save(loop.env.getWorkflowClient(), ContinuityNames.probeWorkflowId("ai-platform"), "probe-loop-reconfigured.json");
    } finally {
      loop.close();
    }
  }

  private static void waitIdle(StampWorkflow stamp) throws InterruptedException {
    for (int i = 0; i < 300 && stamp.state().currentOperation() != null; i++) Thread.sleep(50);
  }
}
