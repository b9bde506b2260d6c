package dev.continuity.model.timeline;

/** The kinds of things a timeline records besides step states. */
public enum EventKind {
  OPERATION_STARTED,
  STEP_STARTED,
  STEP_SUCCEEDED,
  STEP_FAILED,
  APPROVAL_REQUESTED,
  APPROVED,
  REJECTED,
  APPROVAL_TIMED_OUT,
  APPROVAL_ESCALATED,
  /** A signal or update that was refused (unknown approver, no gate waiting, ...). */
  REFUSED,
  DECISION_REQUESTED,
  DECISION,
  ABORTED,
  REPORT_WRITTEN,
  NOTIFICATION,
  OPERATION_ENDED
}
