package dev.continuity.cli;

import dev.continuity.model.config.Estate;
import dev.continuity.model.config.PlanCompiler;
import dev.continuity.model.operation.ApprovalRequest;
import dev.continuity.model.plan.Mode;
import dev.continuity.model.plan.Plan;
import dev.continuity.model.timeline.StepRecord;
import dev.continuity.model.timeline.StepState;
import dev.continuity.starter.OperationControl;
import dev.continuity.starter.OperationStatus;
import java.util.List;

/** Plays the approvers of a shipped runbook: approves every gate that waits, as the first identity it allows, until the operation ends. */
final class GateApprover {
  private GateApprover() {}

  static OperationStatus approveUntilEnd(OperationControl control, String stamp, Mode mode, String operationId) throws Exception {
    Plan plan = PlanCompiler.compile(Estate.load(CliHarness.RUNBOOKS), stamp, mode);
    long deadline = System.currentTimeMillis() + 120_000;
    while (System.currentTimeMillis() < deadline) {
      OperationStatus s = control.status(operationId);
      if (!s.running()) return s;
      for (StepRecord step : s.timeline() == null ? List.<StepRecord>of() : s.timeline().steps) {
        if (step.state == StepState.AWAITING_APPROVAL) {
          control.approve(operationId, new ApprovalRequest(step.id, true, plan.step(step.id).approval().allowed().get(0), "test"));
        }
      }
      Thread.sleep(150);
    }
    throw new AssertionError(operationId + " did not end within 2 minutes");
  }
}
