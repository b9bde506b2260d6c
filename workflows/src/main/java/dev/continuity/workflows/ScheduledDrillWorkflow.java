package dev.continuity.workflows;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * What a Temporal Schedule starts for a scheduled drill. A schedule can only start a workflow with
 * arguments fixed when the schedule was made, but the drill's plan must be compiled from the
 * runbook as it is when the drill starts (DESIGN rule 2 freezes it at operation start, not at
 * schedule creation). So this small workflow asks an activity to compile the current runbook and
 * hand the drill to the stamp's entity (update-with-start, which only a client can send), then waits
 * for the drill to end. Waiting is what makes the schedule's overlap policy SKIP mean "no second
 * drill while one runs". A stamp that is busy (a real failover) refuses, and the refusal is this
 * workflow's result and its DrPhase search attribute.
 */
@WorkflowInterface
public interface ScheduledDrillWorkflow {
  String TYPE = "ScheduledDrill";

  @WorkflowMethod(name = TYPE)
  ScheduledDrillResult run(ScheduledDrillInput input);
}
