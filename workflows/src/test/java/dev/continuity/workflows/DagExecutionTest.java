package dev.continuity.workflows;

import static dev.continuity.workflows.TestPlans.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.continuity.model.estate.Severity;
import dev.continuity.model.operation.OperationResult;
import dev.continuity.model.operation.Outcome;
import dev.continuity.model.plan.Mode;
import dev.continuity.model.timeline.StepState;
import dev.continuity.model.timeline.Timeline;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DagExecutionTest {
  private EngineHarness h;

  @BeforeEach
  void setUp() {
    h = new EngineHarness();
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  @Test
  void independentStepsRunInParallelAndDependentsWaitForBoth() {
    h.actions.delay("traffic", 800).delay("cosmos", 800);
    var op = h.start(request(plan(Mode.FAILOVER,
        step("traffic", "trafficManager.setEndpointPriority"),
        step("cosmos", "cosmos.setWriteRegion"),
        step("verify", "probe.httpHealth", "traffic", "cosmos")), Severity.Sev0));

    OperationResult result = EngineHarness.result(op);

    assertEquals(Outcome.SUCCEEDED, result.outcome());
    assertEquals(SECONDARY, result.activeRegion());
    ScriptedActions.Call traffic = h.actions.calls("traffic").get(0);
    ScriptedActions.Call cosmos = h.actions.calls("cosmos").get(0);
    ScriptedActions.Call verify = h.actions.calls("verify").get(0);
    assertTrue(traffic.startMillis() < cosmos.endMillis() && cosmos.startMillis() < traffic.endMillis(),
        "traffic and cosmos should overlap in time: " + traffic + " / " + cosmos);
    assertTrue(verify.startMillis() >= Math.max(traffic.endMillis(), cosmos.endMillis()), "verify must wait for both");
    assertEquals("trafficManager.setEndpointPriority", traffic.action(), "the action name is the activity type");
    for (var s : result.timeline().steps) {
      assertEquals(StepState.SUCCEEDED, s.state, s.id);
      assertEquals(1, s.attempts, s.id);
      assertTrue(s.endedAtMillis >= s.startedAtMillis && s.startedAtMillis > 0, s.id);
      assertEquals(Boolean.TRUE, s.changed);
    }
    assertEquals("succeeded", result.timeline().phase);
    assertEquals("reports/" + result.operationId() + ".md", result.reportLocation());
    var written = h.report.written();
    assertEquals(1, written.size());
    assertEquals(Outcome.SUCCEEDED, written.get(0).input().timeline().outcome);
    assertTrue(written.get(0).atMillis() >= verify.endMillis(), "the report is the last activity");
    var sa = EngineHarness.searchAttributes(op);
    assertEquals(STAMP, sa.get(OperationSearchAttributes.STAMP));
    assertEquals("failover", sa.get(OperationSearchAttributes.OPERATION));
    assertEquals("succeeded", sa.get(OperationSearchAttributes.PHASE));
    assertEquals(Boolean.FALSE, sa.get(OperationSearchAttributes.AWAITING_APPROVAL));
  }

  @Test
  void failbackEndsInThePrimaryRegion() {
    var op = h.start(request(plan(Mode.FAILBACK, step("traffic", "trafficManager.setEndpointPriority")), null));
    OperationResult result = EngineHarness.result(op);
    assertEquals(Outcome.SUCCEEDED, result.outcome());
    assertEquals(PRIMARY, result.activeRegion());
  }

  @Test
  void drillRunsItsPhasesInOrderWithOneReportAndEndsInThePrimary() {
    var plan = plan(Mode.DRILL,
        phased("failover", "failover/traffic", "trafficManager.setEndpointPriority"),
        phased("validate", "validate/health", "probe.httpHealth", "failover/traffic"),
        phased("failback", "failback/traffic", "trafficManager.setEndpointPriority", "validate/health"));
    var op = h.start(new dev.continuity.model.operation.OperationRequest(plan, null, true, "quarterly drill", "schedule:q4", null, 0L));
    OperationResult result = EngineHarness.result(op);
    assertEquals(Outcome.SUCCEEDED, result.outcome());
    assertEquals(PRIMARY, result.activeRegion());
    assertEquals(List.of("failover/traffic", "validate/health", "failback/traffic"),
        h.actions.calls().stream().map(ScriptedActions.Call::step).toList());
    assertEquals(1, h.report.written().size());
    Timeline t = result.timeline();
    assertEquals(List.of("failover", "validate", "failback"), t.steps.stream().map(s -> s.phase).toList());
  }

  @Test
  void aPlanOfTheWrongModeFailsTheWorkflowWithAReason() {
    var failbackPlan = plan(Mode.FAILBACK, step("traffic", "trafficManager.setEndpointPriority"));
    var options = io.temporal.client.WorkflowOptions.newBuilder().setWorkflowId("wrong-mode").setTaskQueue(ContinuityNames.TASK_QUEUE).build();
    FailoverWorkflow w = h.client.newWorkflowStub(FailoverWorkflow.class, options);
    var e = assertThrows(io.temporal.client.WorkflowFailedException.class,
        () -> w.run(new dev.continuity.model.operation.OperationInput("wrong-mode", request(failbackPlan, null))));
    assertTrue(e.getCause().getMessage().contains("the plan is for a failback, this is a failover workflow"), e.getCause().getMessage());
  }
}
