package dev.continuity.starter;

import dev.continuity.model.operation.OperationTicket;

/** What a stamp answered to a request: accepted (started or joined) or refused with its reason. */
public sealed interface StartOutcome {
  record Accepted(OperationTicket ticket) implements StartOutcome {}

  /** Refused by the stamp's validator: a conflicting operation runs, the cooldown holds, ... */
  record Refused(String stamp, String reason) implements StartOutcome {}
}
