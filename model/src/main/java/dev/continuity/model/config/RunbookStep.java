package dev.continuity.model.config;

import dev.continuity.model.plan.Mode;
import dev.continuity.model.plan.RetrySpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One step as written in a runbook, before placeholders are substituted and defaults applied.
 *
 * @param action the action's name, or null for a gate-only step
 * @param with the action's parameters, placeholders still unresolved
 * @param retry the retry policy with unset fields taken from {@link RetrySpec#DEFAULT}, or null for the default
 * @param timeout one attempt's start-to-close timeout, or null for the default
 * @param expected an override of the catalog's expected duration, or null
 * @param approval the gate in front of the action, or null
 * @param line the line the step starts on
 * @param lines the line of each key of the step, so later checks can point at it
 */
public record RunbookStep(
    String id,
    String description,
    List<Mode> modes,
    String action,
    String target,
    Map<String, Object> with,
    List<String> dependsOn,
    RetrySpec retry,
    Duration timeout,
    Duration expected,
    StepApproval approval,
    int line,
    Map<String, Integer> lines) {

  /** The line of {@code key} in this step, or the step's own line when the key is not written. */
  public int line(String key) {
    Integer l = lines == null ? null : lines.get(key);
    return l == null ? line : l;
  }
}
