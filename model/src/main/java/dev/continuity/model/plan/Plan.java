package dev.continuity.model.plan;

import dev.continuity.model.estate.SeverityPolicy;
import dev.continuity.model.estate.Targets;
import java.time.Duration;
import java.util.List;

/**
 * A runbook compiled against the inventory for one stamp and one mode: a DAG of steps, frozen when
 * the operation is requested so that editing a runbook during an outage never changes a running
 * failover (DESIGN rule 2).
 *
 * @param fromRegion the region the operation moves the stamp away from
 * @param toRegion the region the stamp is active in after the operation; for a drill, the region it
 *     fails over to and back from (a drill ends where it started, in fromRegion)
 * @param knownApprovers every identity the inventory names, so that a gate can tell "unknown" from
 *     "not allowed here"
 * @param levels step ids grouped by depth in the DAG: level 0 has no dependencies
 * @param criticalPath the longest chain of expected durations, first step first
 * @param estimated the expected duration of the critical path
 * @param source where the plan came from ("runbooks/ai-platform.yaml"), for the report
 */
public record Plan(
    String stamp,
    Mode mode,
    String runbook,
    String fromRegion,
    String toRegion,
    Targets targets,
    SeverityPolicy severityPolicy,
    List<String> knownApprovers,
    List<PlanStep> steps,
    List<List<String>> levels,
    List<String> criticalPath,
    Duration estimated,
    String source) {

  public PlanStep step(String id) {
    return steps.stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
  }
}
