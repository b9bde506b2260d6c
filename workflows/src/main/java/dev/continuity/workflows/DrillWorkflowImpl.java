package dev.continuity.workflows;

import dev.continuity.model.operation.OperationInput;
import dev.continuity.model.operation.OperationResult;
import dev.continuity.model.plan.Mode;

/** Runs a drill plan through the shared DAG engine. */
public class DrillWorkflowImpl extends RecoveryOperationWorkflow implements DrillWorkflow {
  @Override
  public OperationResult run(OperationInput input) {
    return execute(input, Mode.DRILL);
  }
}
