package dev.continuity.workflows;

import dev.continuity.model.operation.OperationInput;
import dev.continuity.model.operation.OperationResult;
import dev.continuity.model.plan.Mode;

/** Runs a failover plan through the shared DAG engine. */
public class FailoverWorkflowImpl extends RecoveryOperationWorkflow implements FailoverWorkflow {
  @Override
  public OperationResult run(OperationInput input) {
    return execute(input, Mode.FAILOVER);
  }
}
