package dev.continuity.workflows;

import dev.continuity.model.operation.Outcome;

/**
 * How a scheduled drill went.
 *
 * @param operationId the drill operation the stamp started, or null when it refused
 * @param outcome the drill's outcome, or null when it was refused
 * @param refusal the stamp's reason for refusing (a failover runs, the cooldown holds), or null
 */
public record ScheduledDrillResult(String stamp, String operationId, Outcome outcome, String refusal) {
  public boolean refused() {
    return refusal != null;
  }
}
