package dev.continuity.starter;

import dev.continuity.model.config.Estate;
import dev.continuity.model.config.EstateException;
import dev.continuity.model.operation.OperationResult;
import dev.continuity.model.plan.Mode;
import dev.continuity.workflows.DrillRequest;
import dev.continuity.workflows.ScheduledDrillActivities;
import dev.continuity.workflows.ScheduledDrillInput;
import io.temporal.activity.Activity;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The activities of a scheduled drill, run by the worker: compile the runbook from the worker's
 * configuration directory when the schedule fires (so the drill rehearses today's runbook), send
 * it to the stamp like any other request, and wait for the drill to end.
 */
public final class ScheduledDrillStarter implements ScheduledDrillActivities {
  private static final Logger log = LoggerFactory.getLogger(ScheduledDrillStarter.class);
  /** How long one wait for the drill's result lasts before the activity heartbeats again. */
  private static final long WAIT_SLICE_SECONDS = 20;

  private final WorkflowClient client;
  private final Path configDir;

  public ScheduledDrillStarter(WorkflowClient client, Path configDir) {
    this.client = client;
    this.configDir = configDir;
  }

  @Override
  public DrillRequest request(ScheduledDrillInput input, String triggerId, long triggeredAtMillis) {
    Estate estate;
    try {
      estate = Estate.load(configDir);
    } catch (EstateException e) {
      // A broken runbook will not mend itself between retries: fail this drill with the problems.
      throw ApplicationFailure.newNonRetryableFailure("the runbooks in " + configDir + " do not load: " + e.getMessage(), "RunbookInvalid");
    }
    String reason = input.reason() != null ? input.reason() : "scheduled drill (" + input.scheduleId() + ")";
    String requestedBy = input.requestedBy() != null ? input.requestedBy() : "schedule:" + input.scheduleId();
    OperationOrder order = new OperationOrder(input.stamp(), Mode.DRILL, null, true, reason, requestedBy, triggerId, triggeredAtMillis);
    StartOutcome outcome;
    try {
      outcome = new OperationStarter(client).start(estate, order);
    } catch (EstateException e) {
      throw ApplicationFailure.newNonRetryableFailure("cannot compile the drill of stamp " + input.stamp() + ": " + e.getMessage(), "RunbookInvalid");
    }
    if (outcome instanceof StartOutcome.Refused refused) {
      log.info("stamp {} refused scheduled drill {}: {}", input.stamp(), input.scheduleId(), refused.reason());
      return DrillRequest.refused(refused.reason());
    }
    String operationId = ((StartOutcome.Accepted) outcome).ticket().operationId();
    log.info("scheduled drill {} of stamp {} started as {}", input.scheduleId(), input.stamp(), operationId);
    return DrillRequest.accepted(operationId);
  }

  @Override
  public OperationResult awaitEnd(String operationId) {
    WorkflowStub drill = client.newUntypedWorkflowStub(operationId);
    while (true) {
      Activity.getExecutionContext().heartbeat(operationId);
      try {
        return drill.getResult(WAIT_SLICE_SECONDS, TimeUnit.SECONDS, OperationResult.class);
      } catch (TimeoutException stillRunning) {
        // heartbeat and wait again
      }
    }
  }
}
