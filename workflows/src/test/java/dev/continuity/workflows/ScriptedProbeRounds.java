package dev.continuity.workflows;

import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.Facts;
import dev.continuity.model.actions.ProbeActions;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test double of the probes: round N (from the request's step id "round-N") sees what the script's
 * N-th letter says, D down (a quorum saw it fail), U up, E the probe itself failed; after the
 * script, {@code rest}. Records each round's request and the workflow time it ran at.
 */
final class ScriptedProbeRounds implements ProbeActions {
  record Seen(ActionRequest request, long atMillis) {}

  final List<Seen> rounds = new CopyOnWriteArrayList<>();
  private final String script;
  private final char rest;
  private final java.util.function.LongSupplier clock;

  ScriptedProbeRounds(String script, char rest, java.util.function.LongSupplier clock) {
    this.script = script;
    this.rest = rest;
    this.clock = clock;
  }

  @Override
  public ActionResult regionDown(ActionRequest request) {
    rounds.add(new Seen(request, clock.getAsLong()));
    int n = Integer.parseInt(request.stepId().substring("round-".length()));
    char c = n <= script.length() ? script.charAt(n - 1) : rest;
    if (c == 'E') {
      throw ApplicationFailure.newNonRetryableFailure("relay of every vantage point unreachable", "ProbeUnavailable");
    }
    boolean down = c == 'D';
    return new ActionResult(false, (down ? "down" : "up") + " in round " + n + " (" + Activity.getExecutionContext().getInfo().getActivityType() + ")",
        Map.of(Facts.OUTAGE_CONFIRMED, down));
  }

  @Override
  public ActionResult httpHealth(ActionRequest request) {
    throw new UnsupportedOperationException("the probe loop only asks regionDown");
  }
}
