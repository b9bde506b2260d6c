package dev.continuity.workflows;

import dev.continuity.model.operation.OperationInput;
import dev.continuity.model.operation.OperationResult;
import dev.continuity.model.plan.Mode;

/** Runs a failback plan through the shared DAG engine. */
public class FailbackWorkflowImpl extends RecoveryOperationWorkflow implements FailbackWorkflow {
  @Override
  public OperationResult run(OperationInput input) {
    return execute(input, Mode.FAILBACK);
  }
}
