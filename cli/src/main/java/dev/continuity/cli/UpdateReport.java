package dev.continuity.cli;

import dev.continuity.starter.UpdateOutcome;
import java.util.LinkedHashMap;
import java.util.Map;

/** How approve, reject and decide report the operation's answer. */
final class UpdateReport {
  private UpdateReport() {}

  static int print(ContinuityCommand cmd, UpdateOutcome outcome, boolean json) {
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("accepted", outcome.accepted());
      m.put(outcome.accepted() ? "message" : "reason", outcome.message());
      cmd.printJson(m);
    } else if (outcome.accepted()) {
      cmd.out().println(outcome.message());
      cmd.out().flush();
    }
    if (!outcome.accepted()) {
      cmd.err().println("continuity: refused: " + outcome.message());
      cmd.err().flush();
      return ExitCodes.REFUSED;
    }
    return ExitCodes.OK;
  }
}
