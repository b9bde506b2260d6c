package dev.continuity.model.plan;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One node of a frozen plan.
 *
 * @param id unique in the plan; in a drill, prefixed with its phase ("failover/traffic")
 * @param phase "failover", "validate" or "failback" (drills), else the plan's mode
 * @param action the action to run (an activity type, see ActionCatalog), or null for a gate-only step
 * @param target the resource the action works on (null for gate-only steps)
 * @param params the action's parameters, with ${from}/${to}/${primary}/${secondary} already substituted
 * @param dependsOn ids of steps that must succeed (or be skipped) first
 * @param timeout how long one attempt of the action may take
 * @param approval a gate in front of the action, or null
 * @param expected how long the step is expected to take (for the critical path estimate)
 */
public record PlanStep(
    String id,
    String phase,
    String description,
    String action,
    ResourceRef target,
    Map<String, Object> params,
    List<String> dependsOn,
    RetrySpec retry,
    Duration timeout,
    ApprovalGate approval,
    Duration expected) {}
