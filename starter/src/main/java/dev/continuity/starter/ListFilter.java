package dev.continuity.starter;

import dev.continuity.workflows.ContinuityNames;

/**
 * Which operations to list.
 *
 * @param stamp only this stamp's operations, or null for all
 * @param limit at most this many, newest first
 */
public record ListFilter(boolean awaitingApproval, String stamp, boolean runningOnly, int limit) {

  /** The visibility query: operations only (not the stamp entities), narrowed by the filter. */
  public String query() {
    StringBuilder q = new StringBuilder("WorkflowType IN ('Failover', 'Failback', 'Drill')");
    if (awaitingApproval) q.append(" AND ").append(ContinuityNames.SA_AWAITING_APPROVAL).append(" = true");
    if (stamp != null) q.append(" AND ").append(ContinuityNames.SA_STAMP).append(" = '").append(stamp.replace("'", "\\'")).append('\'');
    if (runningOnly || awaitingApproval) q.append(" AND ExecutionStatus = 'Running'");
    return q.toString();
  }

  boolean matches(OperationListing o) {
    if (!OperationControl.OPERATION_TYPES.contains(o.workflowType())) return false;
    if (awaitingApproval && !o.awaitingApproval()) return false;
    if (stamp != null && !stamp.equals(o.stamp())) return false;
    return !(runningOnly || awaitingApproval) || "RUNNING".equals(o.execution());
  }
}
