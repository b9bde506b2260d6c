package dev.continuity.workflows;

import dev.continuity.model.operation.ApprovalRequest;
import dev.continuity.model.operation.DecisionRequest;
import dev.continuity.model.operation.OperationInput;
import dev.continuity.model.operation.OperationResult;
import dev.continuity.model.plan.Mode;
import dev.continuity.model.timeline.Timeline;
import io.temporal.failure.ApplicationFailure;

/**
 * What failover, failback and drill have in common: they run their plan with one
 * {@link RunbookExecutor} and answer approvals, decisions and the timeline query through it. A
 * drill's plan already holds its failover, validate and failback phases, so it needs nothing more.
 */
abstract class RecoveryOperationWorkflow implements RecoveryOperation {
  private RunbookExecutor executor;

  protected OperationResult execute(OperationInput input, Mode expected) {
    if (input == null || input.request() == null || input.request().plan() == null) {
      throw ApplicationFailure.newNonRetryableFailure("an operation needs a compiled plan", "InvalidOperation");
    }
    if (input.request().plan().mode() != expected) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the plan is for a " + input.request().plan().mode().text() + ", this is a " + expected.text() + " workflow", "InvalidOperation");
    }
    executor = new RunbookExecutor(input);
    return executor.run();
  }

  private RunbookExecutor started() {
    // Updates can reach a workflow before its first task has run the workflow method.
    if (executor == null) throw new IllegalArgumentException("the operation is still starting; try again in a moment");
    return executor;
  }

  @Override
  public String approve(ApprovalRequest request) {
    return started().approve(request);
  }

  @Override
  public void validateApprove(ApprovalRequest request) {
    started().validateApprove(request);
  }

  @Override
  public String decide(DecisionRequest request) {
    return started().decide(request);
  }

  @Override
  public void validateDecide(DecisionRequest request) {
    started().validateDecide(request);
  }

  @Override
  public void approvalSignal(ApprovalRequest request) {
    if (executor != null) executor.approvalSignal(request);
  }

  @Override
  public void decisionSignal(DecisionRequest request) {
    if (executor != null) executor.decisionSignal(request);
  }

  @Override
  public Timeline timeline() {
    return executor == null ? null : executor.timeline();
  }
}
