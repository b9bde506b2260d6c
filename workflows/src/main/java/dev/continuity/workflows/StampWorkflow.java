package dev.continuity.workflows;

import dev.continuity.model.operation.OperationRequest;
import dev.continuity.model.operation.OperationTicket;
import dev.continuity.model.operation.StampSettings;
import dev.continuity.model.operation.StampState;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One long-lived entity per stamp (workflow id {@code stamp-<name>}): knows the active region,
 * runs one operation at a time as a child workflow, joins repeated requests for the same
 * failover, and refuses conflicting ones or ones inside the cooldown.
 */
@WorkflowInterface
public interface StampWorkflow {
  @WorkflowMethod(name = "Stamp")
  void run(StampSettings settings);

  /** Accepts (starting or joining an operation) or is refused by the validator with a reason. */
  @UpdateMethod(name = "request")
  OperationTicket request(OperationRequest request);

  @UpdateValidatorMethod(updateName = "request")
  void validateRequest(OperationRequest request);

  @QueryMethod(name = "state")
  StampState state();
}
