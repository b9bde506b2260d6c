package dev.continuity.model.actions;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Azure Chaos Studio: a drill injects the outage it rehearses, and ends it. */
@ActivityInterface
public interface ChaosActions {

  @ActivityMethod(name = "chaos.startExperiment")
  @ActionDoc(target = "chaosExperiment", summary = "Start the target Chaos Studio experiment and wait until Azure has "
      + "started it; an experiment that is already running is left alone (no second run).", expectedSeconds = 60,
      longRunning = true,
      permissions = {
        "Microsoft.Chaos/experiments/read",
        "Microsoft.Chaos/experiments/executions/read",
        "Microsoft.Chaos/experiments/start/action"},
      grants = {"the experiment's own managed identity: the permissions its faults need on their targets"})
  ActionResult startExperiment(ActionRequest request);

  @ActivityMethod(name = "chaos.cancelExperiment")
  @ActionDoc(target = "chaosExperiment", summary = "Cancel the running execution of the target Chaos Studio experiment "
      + "and wait until it has stopped; nothing to do when no execution is running.", expectedSeconds = 60,
      longRunning = true,
      permissions = {
        "Microsoft.Chaos/experiments/read",
        "Microsoft.Chaos/experiments/executions/read",
        "Microsoft.Chaos/experiments/cancel/action"})
  ActionResult cancelExperiment(ActionRequest request);
}
