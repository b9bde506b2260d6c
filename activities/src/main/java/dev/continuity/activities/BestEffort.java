package dev.continuity.activities;

import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import io.temporal.failure.ApplicationFailure;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@code bestEffort} param of actions that quiet the old primary before a promotion (stop its
 * triggers, pause its jobs, scale its workloads to zero). The old primary may be down: then there is
 * nothing to quiet, and the failover must go on. So "it cannot be reached now" (connection failure,
 * 5xx, a conflict that would clear) is recorded as {@code reached: false} and the step succeeds; a
 * wrong name, a bad request or a missing permission is a mistake in the runbook or the grants and
 * still stops the step.
 */
final class BestEffort {
  static final String PARAM = "bestEffort";

  private BestEffort() {}

  /**
   * Runs {@code action}; with {@code bestEffort: true} an unreachable target turns into an unchanged
   * result saying what was not done ({@code notDone}, e.g. "triggers not stopped").
   */
  static ActionResult run(ActionRequest request, String notDone, Supplier<ActionResult> action) {
    if (!Boolean.TRUE.equals(Params.optionalBool(request, PARAM))) return action.get();
    try {
      return action.get();
    } catch (ApplicationFailure f) {
      if (!unreachable(f)) throw f;
      Map<String, Object> facts = new LinkedHashMap<>();
      facts.put("reached", false);
      facts.put("reason", f.getOriginalMessage());
      String target = request.target() == null ? "the target" : request.target().name();
      return new ActionResult(false, notDone + ": " + target + " cannot be reached (best effort): " + f.getOriginalMessage(), facts);
    }
  }

  /** Whether a failure means "the endpoint does not answer now" rather than "the request is wrong". */
  static boolean unreachable(ApplicationFailure f) {
    return !f.isNonRetryable()
        && (ArmFailures.UNREACHABLE.equals(f.getType()) || ArmFailures.SERVER_ERROR.equals(f.getType()));
  }
}
