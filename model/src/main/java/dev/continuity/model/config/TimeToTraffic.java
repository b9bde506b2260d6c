package dev.continuity.model.config;

import dev.continuity.model.actions.ActionCatalog;
import dev.continuity.model.actions.ActionSpec;
import dev.continuity.model.plan.Mode;
import dev.continuity.model.plan.Plan;
import dev.continuity.model.plan.PlanStep;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The RTO estimate of a plan: the longest chain of expected durations that ends at a step moving
 * user traffic. Steps that finish after traffic has moved (a long storage account failover, a
 * final health check) make the operation longer but do not keep users waiting.
 */
public final class TimeToTraffic {
  private TimeToTraffic() {}

  /** Null when the plan moves no traffic. In a drill, only the failover phase counts. */
  public static Duration estimate(Plan plan) {
    Map<String, Duration> finish = new HashMap<>();
    Duration worst = null;
    // Plan steps are ordered dependencies first, so one pass computes every earliest finish.
    for (PlanStep s : plan.steps()) {
      Duration start = Duration.ZERO;
      for (String dep : s.dependsOn()) {
        Duration d = finish.get(dep);
        if (d != null && d.compareTo(start) > 0) start = d;
      }
      Duration end = start.plus(s.expected() == null ? Duration.ZERO : s.expected());
      finish.put(s.id(), end);
      if (movesTraffic(s) && (plan.mode() != Mode.DRILL || "failover".equals(s.phase()))) {
        if (worst == null || end.compareTo(worst) > 0) worst = end;
      }
    }
    return worst;
  }

  public static boolean movesTraffic(String action) {
    ActionSpec spec = ActionCatalog.find(action);
    return spec != null && spec.movesTraffic();
  }

  private static boolean movesTraffic(PlanStep s) {
    return movesTraffic(s.action());
  }
}
