package dev.continuity.workflows;

import dev.continuity.model.operation.OperationInput;
import dev.continuity.model.operation.OperationResult;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** A planned failover, its validation steps and the failback, with one report. Started as a child of the stamp's {@link StampWorkflow}. */
@WorkflowInterface
public interface DrillWorkflow extends RecoveryOperation {
  @WorkflowMethod(name = "Drill")
  OperationResult run(OperationInput input);
}
