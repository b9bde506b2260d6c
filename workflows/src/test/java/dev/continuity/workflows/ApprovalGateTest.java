package dev.continuity.workflows;

import static dev.continuity.workflows.EngineHarness.*;
import static dev.continuity.workflows.TestPlans.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.continuity.model.actions.Facts;
import dev.continuity.model.estate.Severity;
import dev.continuity.model.estate.TimeoutOutcome;
import dev.continuity.model.operation.ApprovalRequest;
import dev.continuity.model.operation.OperationResult;
import dev.continuity.model.operation.Outcome;
import dev.continuity.model.plan.ApprovalGate;
import dev.continuity.model.plan.GateCondition;
import dev.continuity.model.plan.Mode;
import dev.continuity.model.timeline.EventKind;
import dev.continuity.model.timeline.StepState;
import dev.continuity.model.timeline.Timeline;
import io.temporal.client.WorkflowUpdateException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApprovalGateTest {
  private static final Duration TEN_MINUTES = Duration.ofMinutes(10);
  private EngineHarness h;

  @BeforeEach
  void setUp() {
    h = new EngineHarness();
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  /** probe -> approve (gate only) -> traffic. */
  private RecoveryOperation startGated(ApprovalGate gate, Severity severity) {
    return h.start(request(plan(Mode.FAILOVER,
        step("probe", "probe.regionDown"),
        gated("approve", null, gate, "probe"),
        step("traffic", "trafficManager.setEndpointPriority", "approve")), severity));
  }

  private static String refusal(RecoveryOperation op, ApprovalRequest request) {
    WorkflowUpdateException e = assertThrows(WorkflowUpdateException.class, () -> EngineHarness.approve(op, request));
    Throwable t = e;
    StringBuilder messages = new StringBuilder();
    while (t != null) {
      messages.append(t.getMessage()).append(" | ");
      t = t.getCause();
    }
    return messages.toString();
  }

  @Test
  void approvalByUpdateLetsTheOperationGoOnAndIsRecorded() {
    var op = startGated(gate(GateCondition.POLICY, TEN_MINUTES, TimeoutOutcome.ABORT), Severity.Sev2);
    Timeline waiting = awaitPhase(op, "awaiting-approval");
    assertEquals(StepState.AWAITING_APPROVAL, waiting.step("approve").state);
    assertTrue(events(waiting, EventKind.APPROVAL_REQUESTED).get(0).detail().contains("Sev2 needs approval by policy"));
    assertEquals(Boolean.TRUE, searchAttributes(op).get(OperationSearchAttributes.AWAITING_APPROVAL));
    assertEquals("awaiting-approval", searchAttributes(op).get(OperationSearchAttributes.PHASE));
    assertTrue(h.actions.calls("traffic").isEmpty(), "nothing after the gate runs before the approval");

    String answer = EngineHarness.approve(op, new ApprovalRequest(null, true, "User:Alice@Contoso.com", "region confirmed down"));
    assertTrue(answer.startsWith("approved approve of "), answer);

    OperationResult result = result(op);
    assertEquals(Outcome.SUCCEEDED, result.outcome());
    var approved = events(result.timeline(), EventKind.APPROVED);
    assertEquals(1, approved.size());
    assertEquals("User:Alice@Contoso.com", approved.get(0).who());
    assertTrue(approved.get(0).detail().contains("region confirmed down"));
    assertEquals("approved by User:Alice@Contoso.com: region confirmed down", result.timeline().step("approve").decision);
    assertEquals(1, h.actions.calls("traffic").size());
    assertEquals(Boolean.FALSE, searchAttributes(op).get(OperationSearchAttributes.AWAITING_APPROVAL));
  }

  @Test
  void rejectionAbortsAndTheReportStillRuns() {
    var op = startGated(gate(GateCondition.ALWAYS, TEN_MINUTES, TimeoutOutcome.PROCEED), Severity.Sev0);
    awaitPhase(op, "awaiting-approval");
    EngineHarness.approve(op, new ApprovalRequest("approve", false, BOB, "false alarm"));
    OperationResult result = result(op);
    assertEquals(Outcome.ABORTED, result.outcome());
    assertEquals(PRIMARY, result.activeRegion());
    assertEquals(StepState.NOT_RUN, result.timeline().step("approve").state);
    assertEquals(StepState.NOT_RUN, result.timeline().step("traffic").state);
    assertTrue(h.actions.calls("traffic").isEmpty());
    assertEquals(1, events(result.timeline(), EventKind.REJECTED).size());
    assertTrue(result.summary().contains("rejected by " + BOB), result.summary());
    assertEquals(Outcome.ABORTED, h.report.written().get(0).input().timeline().outcome);
    assertEquals("aborted", result.timeline().phase);
  }

  @Test
  void validatorRefusesUnauthorizedUnknownAndStrayAnswers() {
    var op = startGated(gate(GateCondition.ALWAYS, TEN_MINUTES, TimeoutOutcome.ABORT), Severity.Sev2);
    awaitPhase(op, "awaiting-approval");

    String notAllowed = refusal(op, new ApprovalRequest("approve", true, DAVE, null));
    assertTrue(notAllowed.contains("'dave@contoso.com' may not approve step 'approve'; may approve: alice@contoso.com, bob@contoso.com"), notAllowed);
    String unknown = refusal(op, new ApprovalRequest(null, true, "mallory@evil.example", null));
    assertTrue(unknown.contains("unknown identity 'mallory@evil.example'"), unknown);
    String wrongStep = refusal(op, new ApprovalRequest("traffic", true, ALICE, null));
    assertTrue(wrongStep.contains("step 'traffic' is not waiting for an approval"), wrongStep);
    String noSuchStep = refusal(op, new ApprovalRequest("nope", true, ALICE, null));
    assertTrue(noSuchStep.contains("has no step 'nope'"), noSuchStep);

    // Refused updates leave no trace in the operation: it still waits.
    Timeline t = op.timeline();
    assertEquals(StepState.AWAITING_APPROVAL, t.step("approve").state);
    assertTrue(events(t, EventKind.REFUSED).isEmpty());

    EngineHarness.approve(op, new ApprovalRequest("approve", true, ALICE, null));
    String late = refusal(op, new ApprovalRequest("approve", true, BOB, null));
    assertTrue(late.contains("no approval gate is waiting"), late);
    assertEquals(Outcome.SUCCEEDED, result(op).outcome());
  }

  @Test
  void severalWaitingGatesMustBeNamed() {
    var gate = gate(GateCondition.ALWAYS, TEN_MINUTES, TimeoutOutcome.ABORT);
    var op = h.start(request(plan(Mode.FAILOVER, gated("gate-a", null, gate), gated("gate-b", null, gate)), Severity.Sev2));
    awaitTimeline(op, t -> t.step("gate-a").state == StepState.AWAITING_APPROVAL && t.step("gate-b").state == StepState.AWAITING_APPROVAL, "both gates");
    String ambiguous = refusal(op, new ApprovalRequest(null, true, ALICE, null));
    assertTrue(ambiguous.contains("several gates are waiting (gate-a, gate-b); name the step"), ambiguous);
    EngineHarness.approve(op, new ApprovalRequest("gate-a", true, ALICE, null));
    EngineHarness.approve(op, new ApprovalRequest(null, true, ALICE, null));
    assertEquals(Outcome.SUCCEEDED, result(op).outcome());
  }

  @Test
  void timeoutWithAbortAborts() {
    var op = startGated(gate(GateCondition.ALWAYS, TEN_MINUTES, TimeoutOutcome.ABORT), Severity.Sev2);
    OperationResult result = result(op);
    assertEquals(Outcome.ABORTED, result.outcome());
    assertEquals(1, events(result.timeline(), EventKind.APPROVAL_TIMED_OUT).size());
    assertTrue(h.actions.calls("traffic").isEmpty());
    var timedOut = events(result.timeline(), EventKind.APPROVAL_TIMED_OUT).get(0);
    var requested = events(result.timeline(), EventKind.APPROVAL_REQUESTED).get(0);
    assertEquals(TEN_MINUTES.toMillis(), timedOut.atMillis() - requested.atMillis(), 2000, "the durable timer waited the gate's timeout");
  }

  @Test
  void timeoutWithProceedGoesOnAndSaysNobodyDecided() {
    var op = startGated(gate(GateCondition.ALWAYS, TEN_MINUTES, TimeoutOutcome.PROCEED), Severity.Sev2);
    OperationResult result = result(op);
    assertEquals(Outcome.SUCCEEDED, result.outcome());
    assertEquals(1, h.actions.calls("traffic").size());
    assertTrue(result.timeline().step("approve").decision.startsWith("nobody decided"), result.timeline().step("approve").decision);
  }

  @Test
  void timeoutWithEscalateWidensTheApproversThenAnEscalationIdentityApproves() {
    var op = startGated(gate(GateCondition.ALWAYS, TEN_MINUTES, TimeoutOutcome.ESCALATE), Severity.Sev2);
    awaitPhase(op, "awaiting-approval");
    assertTrue(refusal(op, new ApprovalRequest(null, true, CAROL, null)).contains("may not approve"));
    h.env.sleep(TEN_MINUTES.plusMinutes(1));
    awaitTimeline(op, t -> !events(t, EventKind.APPROVAL_ESCALATED).isEmpty(), "escalation");
    EngineHarness.approve(op, new ApprovalRequest(null, true, CAROL, "escalated, approving"));
    OperationResult result = result(op);
    assertEquals(Outcome.SUCCEEDED, result.outcome());
    assertTrue(events(result.timeline(), EventKind.APPROVAL_ESCALATED).get(0).detail().contains(CAROL));
    assertEquals(CAROL, events(result.timeline(), EventKind.APPROVED).get(0).who());
  }

  @Test
  void timeoutWithEscalateAbortsWhenTheEscalationTimesOutToo() {
    var op = startGated(gate(GateCondition.ALWAYS, TEN_MINUTES, TimeoutOutcome.ESCALATE), Severity.Sev2);
    OperationResult result = result(op);
    assertEquals(Outcome.ABORTED, result.outcome());
    assertEquals(1, events(result.timeline(), EventKind.APPROVAL_ESCALATED).size());
    assertEquals(1, events(result.timeline(), EventKind.APPROVAL_TIMED_OUT).size());
    assertTrue(h.actions.calls("traffic").isEmpty());
  }

  @Test
  void policyGateIsInactiveForAnAutomaticSeverity() {
    var op = startGated(gate(GateCondition.POLICY, TEN_MINUTES, TimeoutOutcome.ABORT), Severity.Sev0);
    OperationResult result = result(op);
    assertEquals(Outcome.SUCCEEDED, result.outcome());
    assertTrue(events(result.timeline(), EventKind.APPROVAL_REQUESTED).isEmpty());
    assertEquals("auto-approved: Sev0 is automatic by policy", result.timeline().step("approve").decision);
    assertTrue(events(result.timeline(), EventKind.APPROVED).get(0).detail().contains("auto-approved: Sev0 is automatic by policy"));
  }

  @Test
  void unconfirmedOutageTurnsAnAutomaticSeverityIntoAnApproval() {
    h.actions.facts("probe", Map.of(Facts.OUTAGE_CONFIRMED, false));
    var op = startGated(gate(GateCondition.POLICY, TEN_MINUTES, TimeoutOutcome.ABORT), Severity.Sev0);
    Timeline t = awaitPhase(op, "awaiting-approval");
    assertTrue(events(t, EventKind.APPROVAL_REQUESTED).get(0).detail().contains("outage not confirmed by step probe"));
    EngineHarness.approve(op, new ApprovalRequest(null, true, ALICE, null));
    assertEquals(Outcome.SUCCEEDED, result(op).outcome());
  }

  @Test
  void dataLossGateWaitsOnlyOverTheRpo() {
    // RPO 1 minute: 30 s of expected loss passes, 300 s waits, whatever the severity.
    h.actions.facts("probe", Map.of(Facts.EXPECTED_DATA_LOSS_SECONDS, 30));
    var within = startGated(gate(GateCondition.DATA_LOSS, TEN_MINUTES, TimeoutOutcome.ABORT), Severity.Sev0);
    OperationResult ok = result(within);
    assertEquals(Outcome.SUCCEEDED, ok.outcome());
    assertTrue(ok.timeline().step("approve").decision.contains("within the RPO of 60s"), ok.timeline().step("approve").decision);

    h.actions.facts("probe", Map.of(Facts.EXPECTED_DATA_LOSS_SECONDS, 300));
    var over = startGated(gate(GateCondition.DATA_LOSS, TEN_MINUTES, TimeoutOutcome.ABORT), Severity.Sev0);
    Timeline t = awaitPhase(over, "awaiting-approval");
    assertTrue(events(t, EventKind.APPROVAL_REQUESTED).get(0).detail().contains("expected data loss 300s (step probe) exceeds the RPO of 60s"));
    EngineHarness.approve(over, new ApprovalRequest(null, true, BOB, "accepting 5 minutes of loss"));
    assertEquals(Outcome.SUCCEEDED, result(over).outcome());
  }

  @Test
  void signalApprovesAndAnInvalidSignalIsRecordedAsRefused() {
    var op = startGated(gate(GateCondition.ALWAYS, TEN_MINUTES, TimeoutOutcome.ABORT), Severity.Sev2);
    awaitPhase(op, "awaiting-approval");
    op.approvalSignal(new ApprovalRequest(null, true, DAVE, "let me"));
    Timeline t = awaitTimeline(op, x -> !events(x, EventKind.REFUSED).isEmpty(), "a refused signal");
    assertEquals(DAVE, events(t, EventKind.REFUSED).get(0).who());
    assertTrue(events(t, EventKind.REFUSED).get(0).detail().contains("may not approve"));
    assertEquals(StepState.AWAITING_APPROVAL, t.step("approve").state);

    op.approvalSignal(new ApprovalRequest("approve", true, ALICE, "from the Web UI"));
    OperationResult result = result(op);
    assertEquals(Outcome.SUCCEEDED, result.outcome());
    assertEquals(ALICE, events(result.timeline(), EventKind.APPROVED).get(0).who());
  }
}
