package dev.continuity.workflows;

/**
 * What the stamp answered a detected outage.
 *
 * @param outcome "started", "joined" or "declined"
 * @param operationId the failover started or joined, or null when declined
 * @param detail the stamp's reason to decline (cooldown, already failed over, busy), or null
 */
public record DetectionAnswer(String outcome, String operationId, String detail) {
  @Override
  public String toString() {
    return outcome + (operationId == null ? "" : " " + operationId) + (detail == null ? "" : ": " + detail);
  }
}
