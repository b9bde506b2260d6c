package dev.continuity.workflows;

import dev.continuity.model.operation.OperationResult;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * What a scheduled drill needs a client for. Implemented in the starter module (it compiles the
 * runbooks the worker reads and talks to the stamp's entity) and registered by the worker.
 */
@ActivityInterface
public interface ScheduledDrillActivities {
  /**
   * Compiles the stamp's drill plan from the runbooks as they are now and sends it to the stamp.
   * Safe to retry: the same {@code triggerId} joins the drill an earlier attempt started.
   */
  @ActivityMethod(name = "scheduledDrill.request")
  DrillRequest request(ScheduledDrillInput input, String triggerId, long triggeredAtMillis);

  /** Waits (heartbeating) for the drill operation to end and returns its result. */
  @ActivityMethod(name = "scheduledDrill.awaitEnd")
  OperationResult awaitEnd(String operationId);
}
