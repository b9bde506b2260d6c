package dev.continuity.model.config;

import dev.continuity.model.plan.ApprovalGate;
import dev.continuity.model.plan.Mode;
import dev.continuity.model.plan.Plan;
import dev.continuity.model.plan.PlanStep;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders a plan for people: header, levels with their steps and gates, and the critical path. */
public final class PlanText {
  private PlanText() {}

  public static String render(Plan plan) {
    StringBuilder sb = new StringBuilder();
    String route = plan.mode() == Mode.DRILL
        ? plan.fromRegion() + " -> " + plan.toRegion() + " -> " + plan.fromRegion()
        : plan.fromRegion() + " -> " + plan.toRegion();
    sb.append("Plan: ").append(plan.mode().text()).append(" of stamp ").append(plan.stamp()).append(" (").append(route).append(")\n");
    sb.append("Runbook: ").append(plan.runbook()).append(" (").append(plan.source()).append(")\n");
    if (plan.targets() != null) {
      sb.append("Targets: RTO ").append(plan.targets().rtoMinutes()).append("m, RPO ").append(plan.targets().rpoMinutes()).append("m\n");
    }
    Duration toTraffic = TimeToTraffic.estimate(plan);
    if (toTraffic != null && plan.mode() == Mode.FAILBACK) {
      // A failback is planned: users are served from the secondary until traffic moves, so no RTO applies.
      sb.append("Estimated time until traffic is back in ").append(plan.toRegion()).append(": ").append(Durations.format(toTraffic))
          .append(" (planned: served from ").append(plan.fromRegion()).append(" meanwhile)\n");
    } else if (toTraffic != null) {
      sb.append("Estimated RTO: ").append(Durations.format(toTraffic)).append(" to traffic served from the target region");
      if (plan.mode() == Mode.DRILL) sb.append(" (failover phase)");
      if (plan.targets() != null) {
        Duration rto = Duration.ofMinutes(plan.targets().rtoMinutes());
        sb.append(", ").append(toTraffic.compareTo(rto) <= 0 ? "within" : "OVER").append(" the target of ").append(Durations.format(rto));
      }
      sb.append('\n');
    }
    sb.append("Estimate: ").append(Durations.format(plan.estimated())).append(" for the whole ")
        .append(plan.mode() == Mode.DRILL ? "drill" : "operation").append(" on the critical path\n");
    if (plan.severityPolicy() != null) {
      sb.append("Severity policy: automatic ").append(list(plan.severityPolicy().automatic()))
          .append("; approval ").append(list(plan.severityPolicy().approval())).append('\n');
    }
    sb.append('\n');
    for (int i = 0; i < plan.levels().size(); i++) {
      sb.append("Level ").append(i).append('\n');
      for (String id : plan.levels().get(i)) step(sb, plan.step(id));
    }
    sb.append("\nCritical path (").append(Durations.format(plan.estimated())).append("):\n");
    for (String id : plan.criticalPath()) {
      PlanStep s = plan.step(id);
      sb.append("  ").append(String.format(Locale.ROOT, "%-8s", Durations.format(s.expected()))).append(id)
          .append(s.action() == null ? "  (approval)" : "  " + s.action()).append('\n');
    }
    return sb.toString();
  }

  private static void step(StringBuilder sb, PlanStep s) {
    sb.append("  ").append(s.id());
    if (s.action() != null) {
      sb.append("  ").append(s.action());
      if (s.target() != null) sb.append(" on ").append(s.target().name()).append(" (").append(s.target().kind()).append(')');
    } else {
      sb.append("  (approval only)");
    }
    sb.append('\n');
    if (s.description() != null && !s.description().isBlank()) sb.append("      ").append(s.description().strip()).append('\n');
    if (s.params() != null && !s.params().isEmpty()) sb.append("      with: ").append(params(s.params())).append('\n');
    if (!s.dependsOn().isEmpty()) sb.append("      after: ").append(String.join(", ", s.dependsOn())).append('\n');
    if (s.approval() != null) sb.append("      approval: ").append(gate(s.approval())).append('\n');
    if (s.action() != null) {
      sb.append("      expected ").append(Durations.format(s.expected())).append(", timeout ").append(Durations.format(s.timeout()))
          .append(", ").append(s.retry().maximumAttempts()).append(" attempts\n");
    }
  }

  /** "policy by group:dr-leads, 15m, abort". */
  static String gate(ApprovalGate g) {
    String who = g.approvers() == null || g.approvers().isEmpty() ? "nobody" : String.join(", ", g.approvers());
    String s = g.when().text() + " by " + who + ", " + Durations.format(g.timeout()) + ", " + g.onTimeout().name().toLowerCase(Locale.ROOT);
    if (g.onTimeout() == dev.continuity.model.estate.TimeoutOutcome.ESCALATE && g.escalation() != null && !g.escalation().isEmpty()) s += " (escalates to " + String.join(", ", g.escalation()) + ")";
    return s;
  }

  private static String params(Map<String, Object> params) {
    return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
  }

  private static String list(List<?> items) {
    return items == null || items.isEmpty() ? "none" : items.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }
}
