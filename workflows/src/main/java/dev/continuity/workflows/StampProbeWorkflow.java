package dev.continuity.workflows;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

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

  @QueryMethod(name = "status")
  ProbeLoopStatus status();
}
