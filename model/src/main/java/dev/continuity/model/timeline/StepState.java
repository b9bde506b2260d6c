package dev.continuity.model.timeline;

/** Where a step of a running operation stands. */
public enum StepState {
  /** Its dependencies have not all finished. */
  PENDING,
  /** Its approval gate waits for a human. */
  AWAITING_APPROVAL,
  /** Its action runs (possibly retrying). */
  RUNNING,
  /** Its retries are spent; it waits for an operator to choose retry, skip or abort. */
  AWAITING_DECISION,
  SUCCEEDED,
  /** An operator skipped it after it failed; dependents ran. */
  SKIPPED,
  /** It failed and the operation was aborted on it. */
  FAILED,
  /** It never ran because the operation was aborted or a dependency failed. */
  NOT_RUN;

  public boolean isTerminal() {
    return this == SUCCEEDED || this == SKIPPED || this == FAILED || this == NOT_RUN;
  }

  /** True when steps depending on this one may start. */
  public boolean letsDependentsRun() {
    return this == SUCCEEDED || this == SKIPPED;
  }
}
