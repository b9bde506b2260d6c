package dev.continuity.workflows;

import static dev.continuity.workflows.EngineHarness.*;
import static dev.continuity.workflows.TestPlans.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.continuity.model.estate.Severity;
import dev.continuity.model.estate.TimeoutOutcome;
import dev.continuity.model.notify.ApprovalNotice;
import dev.continuity.model.notify.DecisionNotice;
import dev.continuity.model.notify.OperationEndedNotice;
import dev.continuity.model.operation.ApprovalRequest;
import dev.continuity.model.operation.DecisionRequest;
import dev.continuity.model.operation.OperationResult;
import dev.continuity.model.operation.Outcome;
import dev.continuity.model.operation.StepDecision;
import dev.continuity.model.plan.GateCondition;
import dev.continuity.model.plan.Mode;
import dev.continuity.model.timeline.EventKind;
import dev.continuity.model.timeline.TimelineEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operation tells people when it waits and when it ends; a dead or broken notifier never fails it. */
class NotificationWiringTest {
  private EngineHarness h;

  @BeforeEach
  void setUp() {
    h = new EngineHarness();
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  private RecoveryOperation start() {
    return h.start(request(plan(Mode.FAILOVER,
        step("probe", "probe.regionDown"),
        gated("approve", null, gate(GateCondition.POLICY, Duration.ofMinutes(15), TimeoutOutcome.ABORT), "probe"),
        step("cosmos", "cosmos.setWriteRegion", "approve")), Severity.Sev2));
  }

  @Test
  void approvalDecisionAndEndAreNotifiedAndRecorded() {
    h.actions.failTimes("cosmos", 10);
    var op = start();
    awaitPhase(op, "awaiting-approval");
    awaitTimeline(op, t -> !h.notifications.notices(ApprovalNotice.class).isEmpty(), "the approval notice");
    ApprovalNotice asked = h.notifications.notices(ApprovalNotice.class).get(0);
    assertEquals("approve", asked.step());
    assertEquals(Mode.FAILOVER.text(), asked.mode());
    assertFalse(asked.approvers().isEmpty());
    EngineHarness.approve(op, new ApprovalRequest(null, true, ALICE, "go"));

    awaitPhase(op, "awaiting-decision");
    awaitTimeline(op, t -> !h.notifications.notices(DecisionNotice.class).isEmpty(), "the decision notice");
    DecisionNotice decision = h.notifications.notices(DecisionNotice.class).get(0);
    assertEquals("cosmos", decision.step());
    assertTrue(decision.attempts() > 0);
    h.actions.stopFailing("cosmos");
    EngineHarness.decide(op, new DecisionRequest("cosmos", StepDecision.RETRY, BOB, "retry"));

    OperationResult result = result(op);
    assertEquals(Outcome.SUCCEEDED, result.outcome());
    OperationEndedNotice ended = h.notifications.notices(OperationEndedNotice.class).get(0);
    assertEquals("succeeded", ended.outcome());
    assertEquals(result.reportLocation(), ended.reportLocation());
    assertEquals("test-double", ended.writtenBy());
    List<String> recorded = events(result.timeline(), EventKind.NOTIFICATION).stream().map(TimelineEvent::detail).toList();
    assertTrue(recorded.contains("end notice sent to webhook"), recorded.toString());
    assertTrue(recorded.contains("approval notice for step approve sent to webhook"), recorded.toString());
  }

  @Test
  void aDeadChannelIsRecordedAndTheOperationSucceeds() {
    h.notifications.deadChannel("teams (contoso.webhook.office.com): HTTP 500");
    var op = start();
    awaitPhase(op, "awaiting-approval");
    EngineHarness.approve(op, new ApprovalRequest(null, true, ALICE, "go"));
    OperationResult result = result(op);
    assertEquals(Outcome.SUCCEEDED, result.outcome());
    List<String> recorded = events(result.timeline(), EventKind.NOTIFICATION).stream().map(TimelineEvent::detail).toList();
    assertTrue(recorded.contains("end notice not delivered: teams (contoso.webhook.office.com): HTTP 500"), recorded.toString());
  }

  @Test
  void aBrokenNotifierNeverFailsTheOperation() {
    h.notifications.throwing(true);
    var op = start();
    awaitPhase(op, "awaiting-approval");
    EngineHarness.approve(op, new ApprovalRequest(null, true, ALICE, "go"));
    OperationResult result = result(op);
    assertEquals(Outcome.SUCCEEDED, result.outcome());
    List<String> recorded = events(result.timeline(), EventKind.NOTIFICATION).stream().map(TimelineEvent::detail).toList();
    assertTrue(recorded.stream().anyMatch(d -> d.startsWith("end notice not sent: ") && d.contains("notifier broken")), recorded.toString());
    assertTrue(recorded.stream().anyMatch(d -> d.startsWith("approval notice for step approve not sent")), recorded.toString());
  }
}
