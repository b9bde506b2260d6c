package dev.continuity.activities;

import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
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
 *
 * <p>Because an unreachable target ends the step as a success, Temporal never retries it, and the SDK
 * does not retry inside an attempt (see {@link AzureClients}). One transient 503 from a healthy old
 * primary would then leave it running beside the promoted secondary. So an unreachable target is
 * tried {@link #ATTEMPTS} times in all, a short (time-scaled) pause apart, before it counts as down.
 * Running the action again is safe because every action behind this observes first, acts only on
 * what is not yet in the desired state and verifies after (DESIGN rule 3): a repeat after a partial
 * first try does only what is left.
 */
final class BestEffort {
  static final String PARAM = "bestEffort";
  /** Tries in all against an unreachable target before it counts as down. */
  static final int ATTEMPTS = 3;
  /** Pause between two tries, before the activities' time scale. */
  static final Duration PAUSE = Duration.ofSeconds(2);

  private BestEffort() {}

  /**
   * Runs {@code action}; with {@code bestEffort: true} an unreachable target is tried again, and if
   * it stays unreachable turns into an unchanged result saying what was not done ({@code notDone},
   * e.g. "triggers not stopped"), with {@code reached: false} and the {@code attempts} made.
   */
  static ActionResult run(ActionRequest request, ActivitiesConfig config, String notDone, Supplier<ActionResult> action) {
    if (!Boolean.TRUE.equals(Params.optionalBool(request, PARAM))) return action.get();
    for (int attempt = 1; ; attempt++) {
      try {
        return withAttempts(action.get(), attempt);
      } catch (ApplicationFailure f) {
        if (!unreachable(f)) throw f;
        if (attempt >= ATTEMPTS) return notReached(request, notDone, f, attempt);
        pause(config, f);
      }
    }
  }

  /** Whether a failure means "the endpoint does not answer now" rather than "the request is wrong". */
  static boolean unreachable(ApplicationFailure f) {
    return !f.isNonRetryable()
        && (ArmFailures.UNREACHABLE.equals(f.getType()) || ArmFailures.SERVER_ERROR.equals(f.getType()));
  }

  /** A first-try result is left as the action made it; after retries the timeline shows how many it took. */
  private static ActionResult withAttempts(ActionResult result, int attempt) {
    if (attempt == 1 || result == null) return result;
    Map<String, Object> facts = new LinkedHashMap<>(result.facts() == null ? Map.of() : result.facts());
    facts.put("attempts", attempt);
    return new ActionResult(result.changed(), result.message(), facts);
  }

  private static ActionResult notReached(ActionRequest request, String notDone, ApplicationFailure f, int attempts) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("reached", false);
    facts.put("attempts", attempts);
    facts.put("reason", f.getOriginalMessage());
    String target = request.target() == null ? "the target" : request.target().name();
    return new ActionResult(false, notDone + ": " + target + " cannot be reached after " + attempts
        + " attempts (best effort): " + f.getOriginalMessage(), facts);
  }

  private static void pause(ActivitiesConfig config, ApplicationFailure last) {
    long ms = (long) (PAUSE.toMillis() * config.timeScale());
    if (ms <= 0) return;
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      // The worker is stopping: leave the step to Temporal's own retry rather than call the target down.
      Thread.currentThread().interrupt();
      throw last;
    }
  }
}
