package dev.continuity.workflows;

import dev.continuity.model.operation.OperationInput;
import dev.continuity.model.operation.OperationResult;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Moves a stamp from its primary region to its secondary. Started as a child of the stamp's {@link StampWorkflow}. */
@WorkflowInterface
public interface FailoverWorkflow extends RecoveryOperation {
  @WorkflowMethod(name = "Failover")
  OperationResult run(OperationInput input);
}
