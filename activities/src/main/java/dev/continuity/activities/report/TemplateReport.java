package dev.continuity.activities.report;

import dev.continuity.model.operation.Outcome;
import dev.continuity.model.plan.Plan;
import dev.continuity.model.timeline.StepRecord;
import dev.continuity.model.timeline.StepState;
import dev.continuity.model.timeline.Timeline;
import dev.continuity.model.timeline.TimelineEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The deterministic DR report: the same sections an operator expects from the model-written one,
 * filled from the plan, the timeline and the measures alone. It is the last fallback, so it must
 * never fail on a partial timeline.
 */
public final class TemplateReport {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private TemplateReport() {}

  public static String render(Plan plan, Timeline t, RecoveryMeasures m) {
    StringBuilder md = new StringBuilder();
    String mode = t.mode == null ? "operation" : t.mode.text();
    md.append("# DR report: ").append(mode).append(" of stamp ").append(t.stamp).append("\n\n");
    md.append("Operation `").append(t.operationId).append("`, ").append(t.fromRegion).append(" -> ").append(t.toRegion)
        .append(". Outcome: **").append(t.outcome).append("**. Written by: template.\n\n");

    md.append("## Executive Summary\n\n");
    md.append(summary(plan, t, m)).append("\n\n");

    md.append("## Timeline of Events\n\n| time (UTC) | event | step | who | detail |\n|---|---|---|---|---|\n");
    if (t.triggeredAtMillis > 0) md.append("| ").append(time(t.triggeredAtMillis)).append(" | TRIGGER | | ")
        .append(cell(t.requestedBy)).append(" | ").append(cell(t.reason)).append(" |\n");
    for (TimelineEvent e : t.events) {
      md.append("| ").append(time(e.atMillis())).append(" | ").append(e.kind()).append(" | ").append(cell(e.step()))
          .append(" | ").append(cell(e.who())).append(" | ").append(cell(e.detail())).append(" |\n");
    }

    md.append("\n## Current Service Status\n\n| step | action | target | state | attempts | changed | result |\n|---|---|---|---|---|---|---|\n");
    for (StepRecord s : t.steps) {
      md.append("| ").append(cell(s.id)).append(" | ").append(cell(s.action)).append(" | ").append(cell(s.target))
          .append(" | ").append(s.state).append(" | ").append(s.attempts).append(" | ")
          .append(s.changed == null ? "" : s.changed ? "yes" : "no").append(" | ")
          .append(cell(s.error != null && s.state != StepState.SUCCEEDED ? s.error : s.message)).append(" |\n");
    }

    md.append("\n## Data Integrity Assessment\n\n");
    if (m.dataLossSeconds() < 0) {
      md.append("No step measured replication state, so the data-loss window is unknown.\n");
    } else {
      md.append("Measured data-loss window: ").append(m.dataLossSeconds()).append(" s against an RPO target of ")
          .append(plan.targets().rpoMinutes()).append(" min: ").append(m.rpoMet() ? "within target" : "**target missed**")
          .append(t.planned ? " (planned operation: replication was allowed to catch up)" : "").append(".\n");
    }
    for (StepRecord s : t.steps) {
      if (s.facts != null && !s.facts.isEmpty()) md.append("- ").append(s.id).append(": ").append(s.facts).append('\n');
    }

    md.append("\n## Impact Analysis\n\n");
    md.append("- Steps: ").append(m.stepsSucceeded()).append(" succeeded, ").append(m.stepsSkipped()).append(" skipped, ")
        .append(m.stepsFailed()).append(" failed, ").append(m.stepsNotRun()).append(" not run; ")
        .append(m.attempts()).append(" action attempts in all.\n");
    md.append("- Time waiting for approvals: ").append(m.approvalWaitSeconds()).append(" s.\n");
    md.append("- Operation duration: ").append(m.durationSeconds()).append(" s.\n");

    md.append("\n## Recommended Next Steps\n\n");
    if (t.outcome == Outcome.SUCCEEDED && t.mode != null && t.mode.text().equals("failover")) {
      md.append("- Watch the stamp in ").append(t.toRegion).append("; plan the failback once ").append(t.fromRegion)
          .append(" is healthy (`continuity failback --stamp ").append(t.stamp).append(" --planned`).\n");
    } else if (t.outcome == Outcome.SUCCEEDED) {
      md.append("- No action needed; review the timings against the targets below.\n");
    } else {
      md.append("- The estate may be partly moved: check each step above that is SUCCEEDED against those NOT_RUN, ")
          .append("then rerun the operation (actions are idempotent: finished steps change nothing) or fail back.\n");
      for (StepRecord s : t.steps) {
        if (s.state == StepState.FAILED) md.append("- Investigate step `").append(s.id).append("`: ").append(cell(s.error)).append('\n');
      }
    }

    md.append("\n## Estimated Recovery Timeline\n\n");
    md.append("- Planned critical path: ").append(plan.estimated() == null ? "unknown" : plan.estimated().toSeconds() + " s")
        .append(" (").append(String.join(" -> ", plan.criticalPath() == null ? java.util.List.of() : plan.criticalPath())).append(").\n");
    md.append("- Measured RTO: ").append(m.rtoSeconds() < 0 ? "not reached (traffic was not moved)" : m.rtoSeconds() + " s")
        .append(" against a target of ").append(plan.targets().rtoMinutes()).append(" min")
        .append(m.rtoSeconds() < 0 ? "" : m.rtoMet() ? ": within target" : ": **target missed**").append(".\n");
    return md.toString();
  }

  public static String summary(Plan plan, Timeline t, RecoveryMeasures m) {
    String mode = t.mode == null ? "operation" : t.mode.text();
    StringBuilder s = new StringBuilder();
    s.append("The ").append(mode).append(" of stamp ").append(t.stamp).append(" from ").append(t.fromRegion).append(" to ")
        .append(t.toRegion).append(' ').append(t.outcome == Outcome.SUCCEEDED ? "succeeded" : t.outcome == Outcome.ABORTED ? "was aborted" : "failed");
    if (m.rtoSeconds() >= 0) {
      s.append(" with a measured RTO of ").append(m.rtoSeconds()).append(" s (target ").append(plan.targets().rtoMinutes()).append(" min)");
    }
    s.append(". ");
    if (m.dataLossSeconds() >= 0) s.append("Measured data-loss window: ").append(m.dataLossSeconds()).append(" s (RPO target ")
        .append(plan.targets().rpoMinutes()).append(" min). ");
    s.append(m.stepsSucceeded()).append(" of ").append(t.steps.size()).append(" steps succeeded.");
    return s.toString();
  }

  private static String time(long millis) {
    return millis <= 0 ? "" : TIME.format(Instant.ofEpochMilli(millis));
  }

  private static String cell(String s) {
    return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
  }
}
