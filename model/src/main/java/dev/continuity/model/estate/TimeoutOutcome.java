package dev.continuity.model.estate;

/** What an approval gate does when nobody decides before its timeout. */
public enum TimeoutOutcome {
  /** Stop the operation; nothing after the gate runs. */
  ABORT,
  /** Widen the approvers to the escalation list and wait one more timeout; abort if still undecided. */
  ESCALATE,
  /** Go on as if approved; the timeline records that nobody decided. */
  PROCEED
}
