package dev.continuity.model.estate;

import java.util.List;

/**
 * Which alert severities fail a stamp over without a human, and which wait for an approval.
 * A severity in neither list needs approval: the safe default for an unknown signal.
 */
public record SeverityPolicy(List<Severity> automatic, List<Severity> approval) {
  public static final SeverityPolicy DEFAULT =
      new SeverityPolicy(List.of(Severity.Sev0), List.of(Severity.Sev1, Severity.Sev2, Severity.Sev3, Severity.Sev4));

  public boolean needsApproval(Severity severity) {
    return severity == null || automatic == null || !automatic.contains(severity);
  }
}
