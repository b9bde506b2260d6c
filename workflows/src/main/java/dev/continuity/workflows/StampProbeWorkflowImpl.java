package dev.continuity.workflows;

import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.Facts;
import dev.continuity.model.actions.ProbeActions;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * See {@link StampProbeWorkflow}. One round is one {@code probe.regionDown} activity with one check
 * per vantage point; the round fails when a quorum of vantage points sees the region fail. The
 * streak of failed rounds is counted here, in workflow state, so it survives worker restarts and
 * continue-as-new, and the pause between rounds is a durable timer.
 */
public class StampProbeWorkflowImpl implements StampProbeWorkflow {
  private static final Logger log = Workflow.getLogger(StampProbeWorkflowImpl.class);
  /** The stamp's trigger for a probe-loop failover names this identity as who asked. */
  public static final String REQUESTED_BY = "detection:probe-loop";

  // No retries: a round that cannot be probed is inconclusive, and the next round is the retry.
  private final ProbeActions probes = Workflow.newActivityStub(ProbeActions.class,
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
          .build());

  private final DetectionActivities alarms = Workflow.newActivityStub(DetectionActivities.class,
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumInterval(Duration.ofSeconds(10)).setMaximumAttempts(10).build())
          .build());

  /** The settings rounds run with: the input, then what reconfigure handed over. */
  private ProbeLoopInput settings;
  /** Settings handed over by reconfigure, taken over between rounds so a round never mixes two settings. */
  private ProbeLoopInput pending;
  private long requested;
  private long applied;
  private ProbeLoopStatus status;
  private String stoppedBy;

  // Settings are there before any handler runs (an update can arrive with the loop's first task).
  @WorkflowInit
  public StampProbeWorkflowImpl(ProbeLoopInput input) {
    settings = input.carrying(null);
  }

  @Override
  public ProbeLoopStatus run(ProbeLoopInput input) {
    status = input.carried() != null ? input.carried() : ProbeLoopStatus.start(input.stamp(), input.primaryRegion());
    int roundsThisRun = 0;
    while (stoppedBy == null) {
      long roundStarted = Workflow.currentTimeMillis();
      round(settings);
      roundsThisRun++;
      if (stoppedBy != null) break;
      takeOverPending();
      WorkflowInfo info = Workflow.getInfo();
      if (roundsThisRun >= settings.roundsPerRun() || info.isContinueAsNewSuggested()) {
        // A reconfigure that is answering its caller finishes in this run; the next run carries its settings.
        Workflow.await(Workflow::isEveryHandlerFinished);
        Workflow.continueAsNew(settings.carrying(status));
      }
      pauseUntilNextRound(roundStarted);
    }
    log.info("probe loop of stamp {} stopped by {} after {} rounds", settings.stamp(), stoppedBy, status.rounds());
    status = with(status.failedInARow(), status.raised(), status.lastRound(), status.alarms(), status.lastAlarm(), true);
    Workflow.await(Workflow::isEveryHandlerFinished);
    return status;
  }

  /**
   * Rounds start one interval apart, however long the probing took (detection time is K intervals,
   * not K intervals plus K probes). New settings wake the pause: the new interval then counts from
   * the start of the last round. Without a reconfigure this is one timer, as it always was.
   */
  private void pauseUntilNextRound(long roundStarted) {
    long elapsed = Workflow.currentTimeMillis() - roundStarted;
    Duration pause = settings.interval().minusMillis(Math.min(elapsed, settings.interval().toMillis() - 1));
    Workflow.await(pause, () -> stoppedBy != null || pending != null);
    while (stoppedBy == null && pending != null) {
      takeOverPending();
      long remaining = roundStarted + settings.interval().toMillis() - Workflow.currentTimeMillis();
      if (remaining <= 0) break;
      Workflow.await(Duration.ofMillis(remaining), () -> stoppedBy != null || pending != null);
    }
  }

  private void takeOverPending() {
    if (pending == null) return;
    ProbeLoopInput next = pending;
    pending = null;
    List<String> changes = settings.changesTo(next);
    applied = requested;
    // Changed and changed back before the loop took either over: nothing to note.
    if (changes.isEmpty()) return;
    boolean restart = settings.watchesOtherThan(next);
    String note = "after round " + status.rounds() + ": " + String.join("; ", changes)
        + (restart ? " (streak restarted: it now watches " + next.primaryRegion() + " through " + next.probe().name() + ")"
            : " (streak of " + status.failedInARow() + " failed rounds kept)");
    settings = next;
    log.info("probe loop of stamp {} took new settings over {}", settings.stamp(), note);
    status = restart
        ? new ProbeLoopStatus(status.stamp(), next.primaryRegion(), status.rounds(), 0, false, status.lastRoundAtMillis(),
            status.lastRound(), status.alarms(), status.lastAlarm(), status.stopping(), note)
        : new ProbeLoopStatus(status.stamp(), status.region(), status.rounds(), status.failedInARow(), status.raised(),
            status.lastRoundAtMillis(), status.lastRound(), status.alarms(), status.lastAlarm(), status.stopping(), note);
  }

  private void round(ProbeLoopInput input) {
    long now = Workflow.currentTimeMillis();
    long round = status.rounds() + 1;
    boolean failed;
    String seen;
    try {
      ActionResult r = probes.regionDown(probeRequest(input, round));
      failed = Boolean.TRUE.equals(r.facts() == null ? null : r.facts().get(Facts.OUTAGE_CONFIRMED));
      seen = r.message();
    } catch (ActivityFailure e) {
      // A probe that cannot run (a relay down, a bad endpoint) proves nothing about the region, and a
      // broken probe must never fail a stamp over: the round counts as healthy.
      failed = false;
      seen = "inconclusive: " + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
    }
    int inARow = failed ? status.failedInARow() + 1 : 0;
    boolean raised = failed && status.raised();
    status = new ProbeLoopStatus(status.stamp(), status.region(), round, inARow, raised, now, seen, status.alarms(),
        status.lastAlarm(), false, status.lastChange());
    if (inARow >= input.consecutiveFailures() && !raised) raise(input, round, seen);
  }

  private void raise(ProbeLoopInput input, long round, String seen) {
    WorkflowInfo info = Workflow.getInfo();
    // Stable across the activity's retries, distinct per alarm.
    String trigger = "probe:" + info.getWorkflowId() + ":" + info.getRunId() + ":" + round;
    String reason = "detected by probe loop: " + input.primaryRegion() + " failed " + status.failedInARow()
        + " rounds in a row (every " + input.interval().toSeconds() + " s); last round: " + seen;
    String answer;
    try {
      DetectionAnswer a = alarms.raise(new DetectedOutage(input.stamp(), input.primaryRegion(), input.severity(), trigger, reason,
          Workflow.currentTimeMillis()));
      answer = a.toString();
    } catch (ActivityFailure e) {
      answer = "not sent: " + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
    }
    log.info("probe loop of stamp {}: {}; the stamp answered {}", input.stamp(), reason, answer);
    status = with(status.failedInARow(), true, status.lastRound(), status.alarms() + 1, answer, false);
  }

  private ProbeLoopStatus with(int inARow, boolean raised, String lastRound, int alarmCount, String lastAlarm, boolean stopping) {
    return new ProbeLoopStatus(status.stamp(), status.region(), status.rounds(), inARow, raised, status.lastRoundAtMillis(),
        lastRound, alarmCount, lastAlarm, stopping, status.lastChange());
  }

  private static ActionRequest probeRequest(ProbeLoopInput input, long round) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("region", input.primaryRegion());
    // One check per vantage point per round: the loop counts the rounds in a row itself.
    params.put("consecutiveFailures", 1);
    if (input.quorum() != null) params.put("quorum", input.quorum());
    return new ActionRequest(ContinuityNames.probeWorkflowId(input.stamp()), "round-" + round, "probe.regionDown", input.probe(),
        params, input.stamp(), input.primaryRegion(), input.secondaryRegion(), false);
  }

  @Override
  public void stop(String by) {
    if (stoppedBy == null) stoppedBy = by == null || by.isBlank() ? "unknown" : by;
  }

  @Override
  public List<String> reconfigure(ProbeLoopInput next) {
    ProbeLoopInput current = pending != null ? pending : settings;
    List<String> changes = current.changesTo(next);
    if (changes.isEmpty()) return changes;
    pending = next.carrying(null);
    long mine = ++requested;
    Workflow.await(() -> applied >= mine || stoppedBy != null);
    if (applied < mine) {
      throw ApplicationFailure.newNonRetryableFailure("the probe loop of stamp " + settings.stamp()
          + " stopped before it took the new settings over", "ProbeLoopStopped");
    }
    return changes;
  }

  @Override
  public void validateReconfigure(ProbeLoopInput next) {
    if (next == null) throw new IllegalArgumentException("reconfigure needs the loop's new settings");
    String problem = next.problem();
    if (problem != null) {
      throw new IllegalArgumentException("settings refused: " + problem + "; the loop goes on with the settings it has");
    }
    if (!settings.stamp().equals(next.stamp())) {
      throw new IllegalArgumentException("settings of stamp " + next.stamp() + " cannot reconfigure the probe loop of stamp "
          + settings.stamp());
    }
    if (stoppedBy != null) throw new IllegalArgumentException("the probe loop of stamp " + settings.stamp() + " is stopping");
  }

  @Override
  public ProbeLoopStatus status() {
    return status;
  }
}
