package dev.continuity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.model.actions.Facts;
import dev.continuity.model.estate.Severity;
import dev.continuity.model.operation.ApprovalRequest;
import dev.continuity.model.operation.OperationTicket;
import dev.continuity.model.operation.Outcome;
import dev.continuity.model.plan.Mode;
import dev.continuity.model.timeline.StepRecord;
import dev.continuity.model.timeline.StepState;
import dev.continuity.starter.OperationStatus;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No split brain from one bad probe: when only one vantage point sees the primary down, the
 * outage is not confirmed, and even a Sev0 failover (automatic by policy) waits for a human.
 */
class OutageConfirmationTest {

  @Test
  void oneVantagePointSeeingTheRegionDownTurnsAnAutomaticFailoverIntoOneNeedingApproval(@TempDir Path reports) throws Exception {
    try (EmulatedEstate e = new EmulatedEstate(reports)) {
      e.control.partition("centralus", "eastus2", "down");

      OperationTicket ticket = e.request("ai-platform", Mode.FAILOVER, Severity.Sev0, false);
      StepRecord gate = awaitState(e, ticket, "approve-failover", StepState.AWAITING_APPROVAL);
      StepRecord probe = e.operations.status(ticket.operationId()).timeline().step("verify-outage");
      assertEquals(Boolean.FALSE, probe.facts.get(Facts.OUTAGE_CONFIRMED), probe.message);
      assertEquals(StepState.AWAITING_APPROVAL, gate.state);

      e.operations.approve(ticket.operationId(), new ApprovalRequest("approve-failover", false, "alice@contoso.com", "one probe only"));
      OperationStatus end = e.runToEnd(ticket, Mode.FAILOVER);
      assertEquals(Outcome.ABORTED, end.result().outcome());
      assertTrue(e.control.journal().path("entries").findValues("operation").stream()
          .noneMatch(op -> op.asText().startsWith("cosmos.") || op.asText().startsWith("storage.")), "nothing moved");
    }
  }

  @Test
  void aQuorumSeeingTheRegionDownLetsASev0FailoverRunWithoutApproval(@TempDir Path reports) throws Exception {
    try (EmulatedEstate e = new EmulatedEstate(reports)) {
      e.control.outage("eastus2");
      OperationStatus end = e.runToEnd(e.request("ai-platform", Mode.FAILOVER, Severity.Sev0, false), Mode.FAILOVER);

      assertEquals(Outcome.SUCCEEDED, end.result().outcome(), end.result().summary());
      StepRecord gate = end.timeline().step("approve-failover");
      assertTrue(gate.decision != null && gate.decision.contains("auto"), "gate passed by policy: " + gate.decision);
    }
  }

  private static StepRecord awaitState(EmulatedEstate e, OperationTicket t, String step, StepState state) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      StepRecord s = e.operations.status(t.operationId()).timeline().step(step);
      if (s != null && s.state == state) return s;
      Thread.sleep(100);
    }
    throw new AssertionError(step + " never reached " + state);
  }
}
