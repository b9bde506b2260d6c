package dev.continuity.workflows;

/**
 * The stamp's answer to a scheduled drill: the drill operation it started (or joined), or its
 * reason for refusing.
 */
public record DrillRequest(String operationId, String refusal) {
  public static DrillRequest accepted(String operationId) {
    return new DrillRequest(operationId, null);
  }

  public static DrillRequest refused(String reason) {
    return new DrillRequest(null, reason);
  }
}
