package dev.continuity.workflows;

import static dev.continuity.workflows.TestPlans.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.continuity.model.estate.Severity;
import dev.continuity.model.estate.TimeoutOutcome;
import dev.continuity.model.operation.ApprovalRequest;
import dev.continuity.model.operation.OperationRequest;
import dev.continuity.model.operation.OperationResult;
import dev.continuity.model.operation.OperationTicket;
import dev.continuity.model.operation.Outcome;
import dev.continuity.model.operation.StampSettings;
import dev.continuity.model.operation.StampState;
import dev.continuity.model.plan.GateCondition;
import dev.continuity.model.plan.Mode;
import dev.continuity.model.plan.Plan;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StampWorkflowTest {
  private static final Duration COOLDOWN = Duration.ofMinutes(10);
  private EngineHarness h;
  private StampWorkflow stamp;

  @BeforeEach
  void setUp() {
    h = new EngineHarness();
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  private void startStamp(Duration cooldown) {
    stamp = h.client.newWorkflowStub(StampWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(ContinuityNames.stampWorkflowId(STAMP)).setTaskQueue(ContinuityNames.TASK_QUEUE).build());
    WorkflowClient.start(stamp::run, new StampSettings(STAMP, PRIMARY, SECONDARY, cooldown, null));
  }

  static Plan quick(Mode mode) {
    return plan(mode, step("traffic", "trafficManager.setEndpointPriority"));
  }

  static Plan gated(Mode mode) {
    return plan(mode, TestPlans.gated("approve", null, gate(GateCondition.ALWAYS, Duration.ofMinutes(30), TimeoutOutcome.ABORT)),
        step("traffic", "trafficManager.setEndpointPriority", "approve"));
  }

  private String refusal(OperationRequest request) {
    WorkflowUpdateException e = assertThrows(WorkflowUpdateException.class, () -> stamp.request(request));
    return e.getCause() instanceof ApplicationFailure af ? af.getOriginalMessage() : e.getMessage();
  }

  private OperationResult resultOf(OperationTicket ticket) {
    return h.client.newUntypedWorkflowStub(ticket.operationId()).getResult(OperationResult.class);
  }

  private StampState awaitState(Predicate<StampState> condition) {
    long deadline = System.currentTimeMillis() + 30_000;
    StampState s = null;
    while (System.currentTimeMillis() < deadline) {
      s = stamp.state();
      if (condition.test(s)) return s;
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    fail("stamp state never matched; last " + s);
    return s;
  }

  @Test
  void failoverThenFailbackReturnsTheActiveRegionAndCooldownIsEnforced() {
    startStamp(COOLDOWN);
    assertEquals(PRIMARY, stamp.state().activeRegion());
    assertTrue(refusal(request(quick(Mode.FAILBACK), null)).contains("already active in its primary region eastus2"));

    OperationTicket failover = stamp.request(request(quick(Mode.FAILOVER), Severity.Sev0));
    assertFalse(failover.joined());
    assertEquals(Mode.FAILOVER, failover.mode());
    assertTrue(failover.operationId().matches("ai-platform-failover-\\d{8}-\\d{6}-1"), failover.operationId());
    assertEquals(Outcome.SUCCEEDED, resultOf(failover).outcome());
    StampState afterFailover = awaitState(s -> s.currentOperation() == null && !s.history().isEmpty());
    assertEquals(SECONDARY, afterFailover.activeRegion());
    assertEquals(Outcome.SUCCEEDED, afterFailover.history().get(0).outcome());
    assertEquals(afterFailover.history().get(0).endedAtMillis() + COOLDOWN.toMillis(), afterFailover.cooldownUntilMillis());

    String cooling = refusal(request(quick(Mode.FAILBACK), null));
    assertTrue(cooling.matches("stamp ai-platform is in cooldown until \\d{4}-\\d\\d-\\d\\dT.*Z after its last operation"), cooling);

    h.env.sleep(COOLDOWN.plusMinutes(1));
    assertTrue(refusal(request(quick(Mode.FAILOVER), Severity.Sev0, "alert-2")).contains("already active in its secondary region westus2"));
    assertTrue(refusal(request(quick(Mode.DRILL), null)).contains("a drill starts from the primary region eastus2"));

    OperationTicket failback = stamp.request(request(quick(Mode.FAILBACK), null, "manual-1"));
    assertTrue(failback.operationId().matches("ai-platform-failback-\\d{8}-\\d{6}-2"), failback.operationId());
    assertEquals(PRIMARY, resultOf(failback).activeRegion());
    StampState afterFailback = awaitState(s -> s.currentOperation() == null && s.history().size() == 2);
    assertEquals(PRIMARY, afterFailback.activeRegion());
    assertEquals(2, afterFailback.sequence());
  }

  @Test
  void aRunningFailoverIsJoinedAndConflictingOperationsAreRefused() {
    startStamp(COOLDOWN);
    OperationTicket first = stamp.request(request(gated(Mode.FAILOVER), Severity.Sev1, "alert-1"));
    StampState running = stamp.state();
    assertEquals(first.operationId(), running.currentOperation());
    assertEquals("failover", running.currentMode());

    OperationTicket storm = stamp.request(request(gated(Mode.FAILOVER), Severity.Sev2, "alert-2"));
    assertTrue(storm.joined());
    assertEquals(first.operationId(), storm.operationId());
    assertTrue(stamp.request(request(gated(Mode.FAILOVER), Severity.Sev1, "alert-1")).joined());

    String conflict = refusal(request(quick(Mode.FAILBACK), null, "manual"));
    assertEquals("stamp ai-platform is running failover " + first.operationId() + "; wait for it or approve/abort it", conflict);
    assertTrue(refusal(request(quick(Mode.DRILL), null, "drill")).contains("is running failover"));
    Plan otherStamp = new Plan("web-api", Mode.FAILOVER, "web-api-failover", "eastus", "westus", null, null, KNOWN, List.of(), List.of(), List.of(), Duration.ZERO, "test");
    assertEquals("the plan is for stamp web-api, this is stamp ai-platform", refusal(request(otherStamp, Severity.Sev0)));

    var stampAttributes = EngineHarness.searchAttributes(stamp);
    assertEquals(STAMP, stampAttributes.get(OperationSearchAttributes.STAMP));
    assertEquals("running", stampAttributes.get(OperationSearchAttributes.PHASE));

    FailoverWorkflow child = h.client.newWorkflowStub(FailoverWorkflow.class, first.operationId());
    EngineHarness.awaitPhase(child, "awaiting-approval");
    assertEquals(Boolean.TRUE, EngineHarness.searchAttributes(child).get(OperationSearchAttributes.AWAITING_APPROVAL));
    child.approve(new ApprovalRequest(null, true, ALICE, null));
    assertEquals(Outcome.SUCCEEDED, resultOf(first).outcome());
    awaitState(s -> s.currentOperation() == null);

    // The same alert firing again after the failover joins it rather than being refused.
    OperationTicket repeat = stamp.request(request(gated(Mode.FAILOVER), Severity.Sev1, "alert-1"));
    assertTrue(repeat.joined());
    assertEquals(first.operationId(), repeat.operationId());
    assertTrue(refusal(request(gated(Mode.FAILOVER), Severity.Sev1, "alert-3")).contains("in cooldown until"));
  }

  @Test
  void aRunningOperationSurvivesItsStampBeingTerminated() {
    startStamp(COOLDOWN);
    OperationTicket ticket = stamp.request(request(gated(Mode.FAILOVER), Severity.Sev1));
    FailoverWorkflow child = h.client.newWorkflowStub(FailoverWorkflow.class, ticket.operationId());
    EngineHarness.awaitPhase(child, "awaiting-approval");
    WorkflowStub.fromTyped(stamp).terminate("operator mistake");
    assertEquals(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING,
        WorkflowStub.fromTyped(child).describe().getStatus());
    child.approve(new ApprovalRequest(null, true, ALICE, null));
    assertEquals(Outcome.SUCCEEDED, resultOf(ticket).outcome());
  }

  @Test
  void continuesAsNewAfterManyOperationsCarryingItsState() {
    startStamp(Duration.ZERO);
    String firstRun = WorkflowStub.fromTyped(stamp).getExecution().getRunId();
    Plan empty = plan(Mode.FAILOVER);
    for (int i = 1; i <= StampWorkflowImpl.OPERATIONS_PER_RUN; i++) {
      Mode mode = i % 2 == 1 ? Mode.FAILOVER : Mode.FAILBACK;
      // The stamp may continue as new between two requests (the test server suggests it early).
      OperationTicket t = EngineHarness.request(stamp, request(plan(mode), Severity.Sev0, "t" + i));
      resultOf(t);
      int n = i;
      awaitState(s -> s.currentOperation() == null && s.sequence() == n);
    }
    StampState s = awaitState(x -> !WorkflowStub.fromTyped(stamp).describe().getExecution().getRunId().equals(firstRun));
    assertEquals(StampWorkflowImpl.OPERATIONS_PER_RUN, s.sequence());
    assertEquals(StampWorkflowImpl.HISTORY_LIMIT, s.history().size());
    assertEquals(PRIMARY, s.activeRegion());
    OperationTicket next = EngineHarness.request(stamp, request(empty, Severity.Sev0, "after"));
    assertTrue(next.operationId().endsWith("-" + (StampWorkflowImpl.OPERATIONS_PER_RUN + 1)), next.operationId());
  }
}
