package dev.continuity.starter;

import dev.continuity.model.config.Estate;
import dev.continuity.model.config.EstateException;
import dev.continuity.model.config.PlanCompiler;
import dev.continuity.model.config.Problem;
import dev.continuity.model.estate.Stamp;
import dev.continuity.model.operation.OperationRequest;
import dev.continuity.model.operation.OperationTicket;
import dev.continuity.model.operation.StampSettings;
import dev.continuity.model.plan.Plan;
import dev.continuity.workflows.ContinuityNames;
import dev.continuity.workflows.StampWorkflow;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateStage;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a stamp to run a failover, failback or drill. The request goes to the stamp's entity
 * workflow with update-with-start, so the first request of a stamp starts its entity and every
 * later one reaches the running entity, which accepts, joins or refuses it.
 */
public final class OperationStarter {
  private static final Logger log = LoggerFactory.getLogger(OperationStarter.class);

  /** Attempts when a request races with the entity's continue-as-new. */
  private static final int RACE_ATTEMPTS = 3;

  private final WorkflowClient client;

  public OperationStarter(WorkflowClient client) {
    this.client = client;
  }

  /** Compiles the stamp's runbook for the mode (frozen from here on) and sends it. */
  public StartOutcome start(Estate estate, OperationOrder order) throws EstateException {
    Stamp stamp = estate.inventory().stamp(order.stamp());
    if (stamp == null) {
      throw new EstateException(new Problem(null, 0, null, "unknown stamp '" + order.stamp() + "'"));
    }
    Plan plan = PlanCompiler.compile(estate, order.stamp(), order.mode());
    return request(settingsFor(stamp), requestFor(plan, order));
  }

  /** The request for an already compiled plan. */
  public static OperationRequest requestFor(Plan plan, OperationOrder order) {
    return new OperationRequest(
        plan, order.severity(), order.planned(), order.reason(), order.requestedBy(),
        order.triggerId(), order.triggeredAtMillis());
  }

  /** How the stamp's entity starts, if it is not running yet. */
  public static StampSettings settingsFor(Stamp stamp) {
    Duration cooldown = stamp.cooldown() == null ? Duration.ZERO : stamp.cooldown();
    return new StampSettings(stamp.name(), stamp.primaryRegion(), stamp.secondaryRegion(), cooldown, null);
  }

  /**
   * Sends {@code request} to the stamp's entity, starting it with {@code settings} if it is not
   * running. A request the entity's validator refuses comes back as {@link StartOutcome.Refused}
   * with the validator's reason.
   */
  public StartOutcome request(StampSettings settings, OperationRequest request) {
    WorkflowOptions options = WorkflowOptions.newBuilder()
        .setWorkflowId(ContinuityNames.stampWorkflowId(settings.stamp()))
        .setTaskQueue(ContinuityNames.TASK_QUEUE)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .build();
    StampWorkflow stamp = client.newWorkflowStub(StampWorkflow.class, options);
    WithStartWorkflowOperation<Void> start = new WithStartWorkflowOperation<>(stamp::run, settings);
    UpdateOptions<OperationTicket> update = UpdateOptions.<OperationTicket>newBuilder()
        .setUpdateName("request")
        .setWaitForStage(WorkflowUpdateStage.COMPLETED)
        .setResultClass(OperationTicket.class)
        .build();
    for (int attempt = 1; ; attempt++) {
      try {
        OperationTicket ticket = WorkflowClient.executeUpdateWithStart(stamp::request, request, update, start);
        log.debug("stamp {} accepted {} as {}", settings.stamp(), request.plan().mode(), ticket);
        return new StartOutcome.Accepted(ticket);
      } catch (WorkflowUpdateException e) {
        return new StartOutcome.Refused(settings.stamp(), Failures.reason(e));
      } catch (RuntimeException e) {
        // An update that reaches the entity while it continues as new is lost with the old run;
        // the next attempt reaches the new run.
        if (attempt >= RACE_ATTEMPTS || !Failures.notFound(e)) throw e;
        log.debug("stamp {} was between runs ({}); sending the request again", settings.stamp(), e.toString());
        stamp = client.newWorkflowStub(StampWorkflow.class, options);
        start = new WithStartWorkflowOperation<>(stamp::run, settings);
      }
    }
  }
}
