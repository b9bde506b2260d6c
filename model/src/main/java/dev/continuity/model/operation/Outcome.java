package dev.continuity.model.operation;

/** How an operation ended. */
public enum Outcome {
  SUCCEEDED,
  /** A step failed and could not be recovered. */
  FAILED,
  /** An operator rejected an approval or chose abort, or an approval timed out with abort. */
  ABORTED
}
