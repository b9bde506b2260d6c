package dev.continuity.cli;

import dev.continuity.model.timeline.StepRecord;
import dev.continuity.starter.TemporalConnection;
import java.util.ArrayList;
import java.util.List;

/** What an operator can do about a waiting step, from the CLI and from the Temporal Web UI. */
final class Hints {
  private Hints() {}

  static List<String> approval(String operationId, StepRecord step, TemporalConnection connection) {
    List<String> lines = new ArrayList<>();
    lines.add("Step " + step.id + " waits for an approval.");
    lines.addAll(approvalCommands(operationId, step.id, connection));
    return lines;
  }

  /** How to answer the gate of {@code stepId}, from the CLI and from the Web UI. */
  static List<String> approvalCommands(String operationId, String stepId, TemporalConnection connection) {
    List<String> lines = new ArrayList<>();
    lines.add("  CLI:    continuity approve " + operationId + " --as <you> [--comment \"...\"]"
        + "   (to stop it: continuity reject " + operationId + " --as <you>)");
    lines.add("  Web UI: " + where(operationId, connection) + ": Send Signal \"approval\" with input "
        + "{\"step\":\"" + stepId + "\",\"approve\":true,\"approver\":\"<you>\",\"comment\":\"...\"}");
    return lines;
  }

  static List<String> decision(String operationId, StepRecord step, TemporalConnection connection) {
    List<String> lines = new ArrayList<>();
    lines.add("Step " + step.id + " failed after " + step.attempts + " attempt(s)"
        + (step.error == null ? "" : ": " + step.error) + "; it waits for a decision.");
    lines.add("  CLI:    continuity decide " + operationId + " --step " + step.id + " retry|skip|abort --as <you>");
    lines.add("  Web UI: " + where(operationId, connection) + ": Send Signal \"decision\" with input "
        + "{\"step\":\"" + step.id + "\",\"decision\":\"retry\",\"operator\":\"<you>\"}");
    return lines;
  }

  private static String where(String operationId, TemporalConnection connection) {
    String url = connection == null ? null : connection.workflowUrl(operationId);
    return url != null ? url : "workflow " + operationId;
  }
}
