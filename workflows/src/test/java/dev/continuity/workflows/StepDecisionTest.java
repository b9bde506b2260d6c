package dev.continuity.workflows;

import static dev.continuity.workflows.EngineHarness.*;
import static dev.continuity.workflows.TestPlans.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.continuity.model.estate.Severity;
import dev.continuity.model.operation.DecisionRequest;
import dev.continuity.model.operation.OperationResult;
import dev.continuity.model.operation.Outcome;
import dev.continuity.model.operation.StepDecision;
import dev.continuity.model.plan.Mode;
import dev.continuity.model.timeline.EventKind;
import dev.continuity.model.timeline.StepState;
import dev.continuity.model.timeline.Timeline;
import io.temporal.client.WorkflowUpdateException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StepDecisionTest {
  private EngineHarness h;

  @BeforeEach
  void setUp() {
    h = new EngineHarness();
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  /** cosmos and traffic in parallel, verify after both. */
  private RecoveryOperation start() {
    return h.start(request(plan(Mode.FAILOVER,
        step("cosmos", "cosmos.setWriteRegion"),
        step("traffic", "trafficManager.setEndpointPriority"),
        step("verify", "probe.httpHealth", "cosmos", "traffic")), Severity.Sev0));
  }

  private static String refusal(RecoveryOperation op, DecisionRequest request) {
    WorkflowUpdateException e = assertThrows(WorkflowUpdateException.class, () -> EngineHarness.decide(op, request));
    return e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
  }

  @Test
  void retryRunsTheActionAgainWithAFreshBudget() {
    h.actions.failTimes("cosmos", 2); // the whole retry policy (2 attempts)
    var op = start();
    Timeline waiting = awaitPhase(op, "awaiting-decision");
    assertEquals(StepState.AWAITING_DECISION, waiting.step("cosmos").state);
    assertEquals(2, waiting.step("cosmos").attempts);
    assertTrue(waiting.step("cosmos").error.contains("cosmos.setWriteRegion failed on cosmos"), waiting.step("cosmos").error);
    assertEquals(1, events(waiting, EventKind.DECISION_REQUESTED).size());
    assertTrue(h.actions.calls("verify").isEmpty());

    assertTrue(refusal(op, new DecisionRequest("cosmos", StepDecision.RETRY, "mallory@evil.example", null)).contains("unknown identity"));
    assertTrue(refusal(op, new DecisionRequest("traffic", StepDecision.RETRY, BOB, null)).contains("step 'traffic' is not waiting for a decision"));
    assertTrue(refusal(op, new DecisionRequest("nope", StepDecision.RETRY, BOB, null)).contains("has no step 'nope'"));

    String answer = EngineHarness.decide(op, new DecisionRequest("cosmos", StepDecision.RETRY, "user:bob@contoso.com", "throttling is over"));
    assertTrue(answer.startsWith("retry cosmos"), answer);
    OperationResult result = result(op);
    assertEquals(Outcome.SUCCEEDED, result.outcome());
    assertEquals(3, h.actions.calls("cosmos").size());
    assertEquals(3, result.timeline().step("cosmos").attempts);
    assertEquals(StepState.SUCCEEDED, result.timeline().step("cosmos").state);
    assertTrue(result.timeline().step("cosmos").decision.startsWith("retry by user:bob@contoso.com"));
    assertEquals(1, h.actions.calls("verify").size());
  }

  @Test
  void skipLetsDependentsRunAndTheDecisionSignalWorks() {
    h.actions.failAlways("cosmos", false);
    var op = start();
    awaitPhase(op, "awaiting-decision");
    op.decisionSignal(new DecisionRequest("cosmos", StepDecision.SKIP, ALICE, "will fix by hand"));
    OperationResult result = result(op);
    assertEquals(Outcome.SUCCEEDED, result.outcome());
    assertEquals(StepState.SKIPPED, result.timeline().step("cosmos").state);
    assertEquals(1, h.actions.calls("verify").size());
    assertEquals(ALICE, events(result.timeline(), EventKind.DECISION).get(0).who());
    assertTrue(result.summary().contains("1 skipped"), result.summary());
  }

  @Test
  void abortStopsFurtherStepsAndTheReportStillRuns() {
    // Non-retryable failures skip the retry policy and ask at once.
    h.actions.failAlways("cosmos", true);
    var op = start();
    Timeline waiting = awaitPhase(op, "awaiting-decision");
    assertEquals(1, waiting.step("cosmos").attempts);
    assertEquals(1, h.actions.calls("cosmos").size());
    EngineHarness.decide(op, new DecisionRequest(null, StepDecision.ABORT, CAROL, "cosmos account is gone"));
    OperationResult result = result(op);
    assertEquals(Outcome.ABORTED, result.outcome());
    assertEquals(PRIMARY, result.activeRegion());
    assertEquals(StepState.FAILED, result.timeline().step("cosmos").state);
    assertEquals(StepState.SUCCEEDED, result.timeline().step("traffic").state, "what was done stays in the timeline");
    assertEquals(StepState.NOT_RUN, result.timeline().step("verify").state);
    assertTrue(h.actions.calls("verify").isEmpty());
    assertEquals(1, events(result.timeline(), EventKind.ABORTED).size());
    assertEquals(1, h.report.written().size());
    assertEquals(Outcome.ABORTED, h.report.written().get(0).input().timeline().outcome);
  }

  @Test
  void anInvalidDecisionSignalIsRecordedAsRefused() {
    h.actions.failAlways("cosmos", true);
    var op = start();
    awaitPhase(op, "awaiting-decision");
    op.decisionSignal(new DecisionRequest("cosmos", StepDecision.SKIP, "mallory@evil.example", null));
    Timeline t = awaitTimeline(op, x -> !events(x, EventKind.REFUSED).isEmpty(), "a refused decision");
    assertEquals(StepState.AWAITING_DECISION, t.step("cosmos").state);
    EngineHarness.decide(op, new DecisionRequest("cosmos", StepDecision.SKIP, ALICE, null));
    assertEquals(Outcome.SUCCEEDED, result(op).outcome());
  }

  @Test
  void nobodyDecidingEndsTheOperationAsFailedWithAReport() {
    h.actions.failAlways("cosmos", true);
    OperationResult result = result(start());
    assertEquals(Outcome.FAILED, result.outcome());
    assertEquals(StepState.FAILED, result.timeline().step("cosmos").state);
    assertEquals(StepState.NOT_RUN, result.timeline().step("verify").state);
    assertEquals(1, h.report.written().size());
  }

  @Test
  void aReportThatCannotBeWrittenStillLetsTheOperationEnd() {
    h.report.failing(true);
    OperationResult result = result(start());
    assertEquals(Outcome.SUCCEEDED, result.outcome());
    assertNull(result.reportLocation());
    assertTrue(events(result.timeline(), EventKind.NOTIFICATION).get(0).detail().startsWith("the DR report could not be written"));
    assertEquals("succeeded", result.timeline().phase);
  }
}
