package dev.continuity.workflows;

import dev.continuity.model.actions.Facts;
import dev.continuity.model.estate.SeverityPolicy;
import dev.continuity.model.estate.Targets;
import dev.continuity.model.operation.OperationRequest;
import dev.continuity.model.plan.ApprovalGate;
import dev.continuity.model.plan.GateCondition;
import dev.continuity.model.timeline.StepRecord;
import dev.continuity.model.timeline.StepState;
import java.util.List;

/**
 * Decides whether an approval gate waits for a human, from its condition, the operation's severity
 * and what the steps finished so far have measured. The reason is written to the timeline either
 * way, so the report can say why nobody was asked.
 */
final class GateActivation {

  /** Whether the gate waits, and why (or why not). */
  record Verdict(boolean waits, String reason) {}

  private GateActivation() {}

  static Verdict evaluate(ApprovalGate gate, OperationRequest request, List<StepRecord> steps) {
    GateCondition when = gate.when() == null ? GateCondition.ALWAYS : gate.when();
    return switch (when) {
      case ALWAYS -> new Verdict(true, "this gate always asks for approval");
      case POLICY -> policy(request, steps);
      case DATA_LOSS -> dataLoss(request, steps);
    };
  }

  private static Verdict policy(OperationRequest request, List<StepRecord> steps) {
    SeverityPolicy policy = request.plan().severityPolicy() == null ? SeverityPolicy.DEFAULT : request.plan().severityPolicy();
    String severity = request.severity() == null ? "an operation without severity" : request.severity().name();
    if (policy.needsApproval(request.severity())) {
      return new Verdict(true, severity + " needs approval by policy");
    }
    // A probe that does not confirm the outage means failing over could move a healthy stamp: ask.
    for (StepRecord s : finished(steps)) {
      if (Boolean.FALSE.equals(asBoolean(s.facts.get(Facts.OUTAGE_CONFIRMED)))) {
        return new Verdict(true, "outage not confirmed by step " + s.id + "; " + severity + " would be automatic, but needs approval now");
      }
    }
    return new Verdict(false, "auto-approved: " + severity + " is automatic by policy");
  }

  private static Verdict dataLoss(OperationRequest request, List<StepRecord> steps) {
    Targets targets = request.plan().targets() == null ? Targets.DEFAULT : request.plan().targets();
    long rpoSeconds = targets.rpoMinutes() * 60L;
    double worst = -1;
    String worstStep = null;
    for (StepRecord s : finished(steps)) {
      Object v = s.facts.get(Facts.EXPECTED_DATA_LOSS_SECONDS);
      if (v instanceof Number n && n.doubleValue() > worst) {
        worst = n.doubleValue();
        worstStep = s.id;
      }
    }
    if (worstStep == null) return new Verdict(false, "auto-approved: no step reported an expected data loss");
    String loss = seconds(worst);
    if (worst > rpoSeconds) {
      return new Verdict(true, "expected data loss " + loss + " (step " + worstStep + ") exceeds the RPO of " + rpoSeconds + "s");
    }
    return new Verdict(false, "auto-approved: expected data loss " + loss + " (step " + worstStep + ") is within the RPO of " + rpoSeconds + "s");
  }

  private static List<StepRecord> finished(List<StepRecord> steps) {
    return steps.stream().filter(s -> s.state == StepState.SUCCEEDED || s.state == StepState.SKIPPED || s.state == StepState.FAILED).toList();
  }

  private static Boolean asBoolean(Object v) {
    if (v instanceof Boolean b) return b;
    if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) return Boolean.valueOf(s);
    return null;
  }

  private static String seconds(double v) {
    return v == Math.rint(v) ? (long) v + "s" : v + "s";
  }
}
