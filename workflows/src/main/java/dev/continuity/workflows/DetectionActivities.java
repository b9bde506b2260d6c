package dev.continuity.workflows;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * What the probe loop needs a client for. Implemented in the starter module (it compiles the
 * stamp's failover runbook and sends it with update-with-start, as an alert does) and registered
 * by the worker.
 */
@ActivityInterface
public interface DetectionActivities {
  /** Asks the stamp for a failover; the stamp starts it, joins it to one that runs, or declines. */
  @ActivityMethod(name = "detection.raise")
  DetectionAnswer raise(DetectedOutage outage);
}
