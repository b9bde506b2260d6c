package dev.continuity.starter;

import dev.continuity.model.operation.OperationResult;
import dev.continuity.model.timeline.Timeline;

/**
 * Where an operation stands.
 *
 * @param workflowType "Failover", "Failback" or "Drill"
 * @param execution Temporal's status: RUNNING, COMPLETED, FAILED, TERMINATED, CANCELED, TIMED_OUT
 * @param timeline the operation's timeline (from its query while it runs, from its result after)
 * @param result the result, once it completed
 * @param failure why the workflow itself ended abnormally (not an operation that aborted), else null
 */
public record OperationStatus(
    String operationId, String workflowType, String execution, Timeline timeline, OperationResult result, String failure) {

  public boolean running() {
    return "RUNNING".equals(execution);
  }
}
