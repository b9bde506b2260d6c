package dev.continuity.workflows;

import dev.continuity.model.operation.OperationInput;
import dev.continuity.model.operation.OperationRequest;
import dev.continuity.model.operation.Outcome;
import dev.continuity.model.plan.Plan;
import dev.continuity.model.plan.PlanStep;
import dev.continuity.model.timeline.EventKind;
import dev.continuity.model.timeline.StepRecord;
import dev.continuity.model.timeline.StepState;
import dev.continuity.model.timeline.Timeline;
import dev.continuity.model.timeline.TimelineEvent;
import io.temporal.workflow.Workflow;
import java.util.Locale;

/**
 * Keeps an operation's {@link Timeline} (what the "timeline" query returns and the report reads)
 * and the search attributes that mirror its phase. Every time comes from
 * {@link Workflow#currentTimeMillis()}, so the timeline is the same on replay.
 */
final class TimelineRecorder {
  static final String RUNNING = "running";
  static final String AWAITING_APPROVAL = "awaiting-approval";
  static final String AWAITING_DECISION = "awaiting-decision";
  static final String REPORTING = "reporting";

  private final Timeline timeline = new Timeline();
  private final OperationSearchAttributes searchAttributes = new OperationSearchAttributes();
  /** Set once the DAG is done; from then on the phase no longer follows the steps. */
  private String fixedPhase;

  TimelineRecorder(OperationInput input) {
    OperationRequest request = input.request();
    Plan plan = request.plan();
    timeline.operationId = input.operationId();
    timeline.stamp = plan.stamp();
    timeline.mode = plan.mode();
    timeline.fromRegion = plan.fromRegion();
    timeline.toRegion = plan.toRegion();
    timeline.severity = request.severity() == null ? null : request.severity().name();
    timeline.planned = request.planned();
    timeline.reason = request.reason();
    timeline.requestedBy = request.requestedBy();
    timeline.triggeredAtMillis = request.triggeredAtMillis();
    timeline.startedAtMillis = Workflow.currentTimeMillis();
    timeline.phase = RUNNING;
    for (PlanStep step : plan.steps()) {
      timeline.steps.add(new StepRecord(step.id(), step.phase(), step.action(),
          step.target() == null ? null : step.target().name()));
    }
  }

  Timeline timeline() {
    return timeline;
  }

  StepRecord step(String id) {
    return timeline.step(id);
  }

  long now() {
    return Workflow.currentTimeMillis();
  }

  void event(EventKind kind, String step, String who, String detail) {
    timeline.events.add(new TimelineEvent(now(), kind, step, who, detail));
  }

  /** Moves a step to a new state and keeps the operation's phase (and search attributes) in step. */
  void state(StepRecord record, StepState state) {
    record.state = state;
    refresh();
  }

  /** Recomputes the phase from the steps: an operator looking for work wants to see what waits for them. */
  void refresh() {
    boolean awaitingApproval = false;
    boolean awaitingDecision = false;
    for (StepRecord s : timeline.steps) {
      awaitingApproval |= s.state == StepState.AWAITING_APPROVAL;
      awaitingDecision |= s.state == StepState.AWAITING_DECISION;
    }
    if (fixedPhase != null) {
      timeline.phase = fixedPhase;
    } else if (awaitingApproval) {
      timeline.phase = AWAITING_APPROVAL;
    } else if (awaitingDecision) {
      timeline.phase = AWAITING_DECISION;
    } else {
      timeline.phase = RUNNING;
    }
    searchAttributes.publish(timeline.stamp, timeline.mode.text(), timeline.phase, awaitingApproval);
  }

  /**
   * The DAG is done: the outcome and end time are known (the report needs them), only the report is
   * left to write.
   */
  void reporting(Outcome outcome) {
    timeline.outcome = outcome;
    timeline.endedAtMillis = now();
    fixedPhase = REPORTING;
    refresh();
  }

  /** The report is written (or could not be): the phase becomes the outcome. */
  void closed() {
    fixedPhase = timeline.outcome.name().toLowerCase(Locale.ROOT);
    refresh();
  }
}
