package dev.continuity.workflows;

import dev.continuity.model.actions.ActionCatalog;
import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.ActionSpec;
import dev.continuity.model.operation.OperationRequest;
import dev.continuity.model.plan.Mode;
import dev.continuity.model.plan.Plan;
import dev.continuity.model.plan.PlanStep;
import dev.continuity.model.plan.RetrySpec;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Runs a step's action as an activity whose type is the action's name ("cosmos.setWriteRegion"),
 * so that the plan, not the workflow code, decides which activity runs. Retries are the server's
 * (with the step's retry policy), so that a long-running action resumes from its heartbeat details
 * after a worker crash (DESIGN rule 4).
 */
final class StepActions {
  /** An attempt of a step with no timeout of its own may take this long. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
  /** A worker that dies mid-step is noticed within this time (long-running actions heartbeat themselves). */
  static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(30);

  private StepActions() {}

  static ActionResult run(PlanStep step, String operationId, OperationRequest request) {
    Plan plan = request.plan();
    // A drill's failback phase moves the other way, as its ${from}/${to} were substituted at compile time.
    boolean back = plan.mode() == Mode.DRILL && "failback".equals(step.phase());
    ActionRequest input = new ActionRequest(operationId, step.id(), step.action(), step.target(), step.params(),
        plan.stamp(), back ? plan.toRegion() : plan.fromRegion(), back ? plan.fromRegion() : plan.toRegion(), request.planned());
    ActionResult result = Workflow.newUntypedActivityStub(options(step)).execute(step.action(), ActionResult.class, input);
    return result == null ? ActionResult.unchanged("the action returned nothing") : result;
  }

  static ActivityOptions options(PlanStep step) {
    Duration timeout = positive(step.timeout()) ? step.timeout() : DEFAULT_TIMEOUT;
    ActivityOptions.Builder b = ActivityOptions.newBuilder()
        .setTaskQueue(ContinuityNames.TASK_QUEUE)
        .setStartToCloseTimeout(timeout)
        .setRetryOptions(retryOptions(step.retry()))
        .setSummary(step.id());
    // Every step, not only the long-running ones: a worker that dies in a short step (one SDK call
    // with a start-to-close of minutes) is then replaced within this, not after those minutes. The
    // worker's ActivityLiveness heartbeats for actions that cannot. Activity options are not part
    // of the history's commands, so old histories replay unchanged.
    b.setHeartbeatTimeout(HEARTBEAT_TIMEOUT.compareTo(timeout) < 0 ? HEARTBEAT_TIMEOUT : timeout);
    return b.build();
  }

  static RetryOptions retryOptions(RetrySpec spec) {
    RetrySpec r = spec == null ? RetrySpec.DEFAULT : spec;
    Duration initial = positive(r.initialInterval()) ? r.initialInterval() : RetrySpec.DEFAULT.initialInterval();
    Duration maximum = positive(r.maximumInterval()) && r.maximumInterval().compareTo(initial) >= 0 ? r.maximumInterval() : initial.multipliedBy(30);
    return RetryOptions.newBuilder()
        .setMaximumAttempts(Math.max(1, r.maximumAttempts()))
        .setInitialInterval(initial)
        .setBackoffCoefficient(r.backoffCoefficient() >= 1.0 ? r.backoffCoefficient() : 2.0)
        .setMaximumInterval(maximum)
        .build();
  }

  /**
   * Attempts a failed activity made, as far as workflow code can see: the retry state says when
   * the policy's maximum was spent; a non-retryable failure stops the retries at once. (Attempts of
   * a call that finally succeeded are invisible to workflow code and count as one.)
   */
  static int attempts(ActivityFailure failure, PlanStep step) {
    RetrySpec r = step.retry() == null ? RetrySpec.DEFAULT : step.retry();
    return failure.getRetryState() == RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED ? Math.max(1, r.maximumAttempts()) : 1;
  }

  /** The failure in an operator's words: the action's own message, not the SDK's wrapper. */
  static String describe(ActivityFailure failure) {
    Throwable cause = failure.getCause();
    if (cause instanceof ApplicationFailure af) {
      String type = af.getType();
      return (af.getOriginalMessage() == null ? "" : af.getOriginalMessage())
          + (type == null || type.isBlank() ? "" : " (" + simpleName(type) + ")");
    }
    if (cause instanceof TimeoutFailure tf) return "timed out (" + tf.getTimeoutType().name().replace("TIMEOUT_TYPE_", "").toLowerCase(java.util.Locale.ROOT) + ")";
    return cause == null ? failure.getMessage() : cause.getMessage();
  }

  private static String simpleName(String type) {
    int dot = type.lastIndexOf('.');
    return dot < 0 ? type : type.substring(dot + 1);
  }

  private static boolean positive(Duration d) {
    return d != null && !d.isZero() && !d.isNegative();
  }
}
