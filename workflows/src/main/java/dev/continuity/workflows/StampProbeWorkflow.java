package dev.continuity.workflows;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * A stamp's built-in outage detection (workflow id {@code probe-<stamp>}): Azure Monitor alerts can
 * take minutes, so this loop probes the primary region's health endpoints from the worker's side
 * every few seconds, through the vantage points of the stamp's healthProbe resource, and after K
 * failed rounds in a row asks the stamp for a failover exactly as an alert does. It runs until
 * stopped, on durable timers, continuing as new to keep its history short.
 */
@WorkflowInterface
public interface StampProbeWorkflow {
  String TYPE = "StampProbe";

  @WorkflowMethod(name = TYPE)
  ProbeLoopStatus run(ProbeLoopInput input);

  /** Ends the loop after the round in progress; {@code by} is logged. */
  @SignalMethod(name = "stop")
  void stop(String by);

  /**
   * Hands the running loop new settings (the stamp's edited {@code detection:} block), taken over
   * between rounds: a new interval counts from the start of the last round, so the pause in
   * progress is cut short or lengthened. The streak of failed rounds is kept, unless the probe
   * resource or the primary region changed (then it restarts at 0, as {@code lastChange} says).
   * Completes once the loop took them over; answers what changed, empty when nothing did.
   */
  @UpdateMethod(name = "reconfigure")
  List<String> reconfigure(ProbeLoopInput settings);

  /** Refuses settings the loop cannot run with, and any change to a loop that is stopping. */
  @UpdateValidatorMethod(updateName = "reconfigure")
  void validateReconfigure(ProbeLoopInput settings);

  @QueryMethod(name = "status")
  ProbeLoopStatus status();
}
