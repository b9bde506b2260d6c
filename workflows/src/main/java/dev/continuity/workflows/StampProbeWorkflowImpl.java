package dev.continuity.workflows;

import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.Facts;
import dev.continuity.model.actions.ProbeActions;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import java.time.Duration;
import java.util.LinkedHashMap;
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

  private ProbeLoopStatus status;
  private String stoppedBy;

  @Override
  public ProbeLoopStatus run(ProbeLoopInput input) {
    status = input.carried() != null ? input.carried() : ProbeLoopStatus.start(input.stamp(), input.primaryRegion());
    int roundsThisRun = 0;
    while (stoppedBy == null) {
      long roundStarted = Workflow.currentTimeMillis();
      round(input);
      roundsThisRun++;
      if (stoppedBy != null) break;
      WorkflowInfo info = Workflow.getInfo();
      if (roundsThisRun >= input.roundsPerRun() || info.isContinueAsNewSuggested()) {
        Workflow.continueAsNew(input.carrying(status));
      }
      // Rounds start one interval apart, however long the probing took (detection time is K intervals, not K intervals plus K probes).
      long elapsed = Workflow.currentTimeMillis() - roundStarted;
      Duration pause = input.interval().minusMillis(Math.min(elapsed, input.interval().toMillis() - 1));
      Workflow.await(pause, () -> stoppedBy != null);
    }
    log.info("probe loop of stamp {} stopped by {} after {} rounds", input.stamp(), stoppedBy, status.rounds());
    status = with(status.failedInARow(), status.raised(), status.lastRound(), status.alarms(), status.lastAlarm(), true);
    return status;
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
        status.lastAlarm(), false);
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
        lastRound, alarmCount, lastAlarm, stopping);
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
  public ProbeLoopStatus status() {
    return status;
  }
}
