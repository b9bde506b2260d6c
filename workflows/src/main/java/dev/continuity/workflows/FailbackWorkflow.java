package dev.continuity.workflows;

import dev.continuity.model.operation.OperationInput;
import dev.continuity.model.operation.OperationResult;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Moves a stamp back from its secondary region to its primary. Started as a child of the stamp's {@link StampWorkflow}. */
@WorkflowInterface
public interface FailbackWorkflow extends RecoveryOperation {
  @WorkflowMethod(name = "Failback")
  OperationResult run(OperationInput input);
}
