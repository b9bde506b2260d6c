package dev.continuity.activities.report;

import dev.continuity.model.actions.Facts;
import dev.continuity.model.config.TimeToTraffic;
import dev.continuity.model.plan.Mode;
import dev.continuity.model.operation.Outcome;
import dev.continuity.model.plan.Plan;
import dev.continuity.model.timeline.EventKind;
import dev.continuity.model.timeline.StepRecord;
import dev.continuity.model.timeline.StepState;
import dev.continuity.model.timeline.Timeline;
import dev.continuity.model.timeline.TimelineEvent;

/**
 * The numbers of a report, computed by the program from the timeline so that no model ever
 * invents them (DESIGN rule 9).
 *
 * @param rtoSeconds from the trigger to the end of the last step that moved user traffic (in a
 *     drill, of its failover phase); where no step moves traffic, to the end of the last step;
 *     -1 when traffic was not moved
 * @param approvalWaitSeconds time spent waiting for humans at approval gates
 * @param dataLossSeconds the largest expected data loss any step measured; -1 when none measured
 */
public record RecoveryMeasures(
    long rtoSeconds,
    long durationSeconds,
    long approvalWaitSeconds,
    long dataLossSeconds,
    int stepsSucceeded,
    int stepsSkipped,
    int stepsFailed,
    int stepsNotRun,
    int attempts,
    boolean rtoMet,
    boolean rpoMet) {

  private static long rtoSeconds(Timeline t, long trigger, long lastStepEnd) {
    boolean anyTraffic = false;
    boolean trafficMoved = true;
    long trafficEnd = 0;
    for (StepRecord s : t.steps) {
      if (!TimeToTraffic.movesTraffic(s.action)) continue;
      if (t.mode == Mode.DRILL && !"failover".equals(s.phase)) continue;
      anyTraffic = true;
      if (s.state != StepState.SUCCEEDED) trafficMoved = false;
      trafficEnd = Math.max(trafficEnd, s.endedAtMillis);
    }
    if (anyTraffic) return trafficMoved ? Math.max(0, (trafficEnd - trigger) / 1000) : -1;
    return t.outcome == Outcome.SUCCEEDED ? Math.max(0, (lastStepEnd - trigger) / 1000) : -1;
  }

  public static RecoveryMeasures of(Plan plan, Timeline t) {
    long trigger = t.triggeredAtMillis > 0 ? t.triggeredAtMillis : t.startedAtMillis;
    long lastStepEnd = t.steps.stream().mapToLong(s -> s.endedAtMillis).max().orElse(t.startedAtMillis);
    long end = t.endedAtMillis > 0 ? t.endedAtMillis : lastStepEnd;
    long rto = rtoSeconds(t, trigger, lastStepEnd);

    long approvalWait = 0;
    java.util.Map<String, Long> requested = new java.util.HashMap<>();
    for (TimelineEvent e : t.events) {
      if (e.kind() == EventKind.APPROVAL_REQUESTED) {
        requested.putIfAbsent(e.step(), e.atMillis());
      } else if (e.kind() == EventKind.APPROVED || e.kind() == EventKind.REJECTED || e.kind() == EventKind.APPROVAL_TIMED_OUT) {
        Long from = requested.remove(e.step());
        if (from != null) approvalWait += e.atMillis() - from;
      }
    }

    long loss = -1;
    int ok = 0, skipped = 0, failed = 0, notRun = 0, attempts = 0;
    for (StepRecord s : t.steps) {
      attempts += s.attempts;
      switch (s.state) {
        case SUCCEEDED -> ok++;
        case SKIPPED -> skipped++;
        case FAILED -> failed++;
        default -> { if (s.state != StepState.RUNNING) notRun++; }
      }
      Object v = s.facts == null ? null : s.facts.get(Facts.EXPECTED_DATA_LOSS_SECONDS);
      if (v instanceof Number n) loss = Math.max(loss, n.longValue());
    }
    // A planned operation waits for replication, so it loses nothing whatever lag it read.
    if (t.planned && loss > 0) loss = 0;
    int rtoTarget = plan.targets() == null ? Integer.MAX_VALUE : plan.targets().rtoMinutes() * 60;
    int rpoTarget = plan.targets() == null ? Integer.MAX_VALUE : plan.targets().rpoMinutes() * 60;
    return new RecoveryMeasures(rto, Math.max(0, (end - t.startedAtMillis) / 1000), approvalWait / 1000, loss,
        ok, skipped, failed, notRun, attempts, rto >= 0 && rto <= rtoTarget, loss <= rpoTarget);
  }
}
