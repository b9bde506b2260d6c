package dev.continuity.workflows;

import dev.continuity.model.operation.DecisionRequest;
import dev.continuity.model.operation.StepDecision;
import dev.continuity.model.plan.Plan;
import dev.continuity.model.timeline.EventKind;
import dev.continuity.model.timeline.StepRecord;
import dev.continuity.model.timeline.StepState;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Failed steps waiting for an operator: retry, skip or abort (DESIGN rule 8: a failed step asks, it
 * does not guess). Answers come from the "decide" update or the "decision" signal.
 */
final class StepDecisions {
  /**
   * How long a failed step waits for someone to decide. Long, because the estate may be half
   * failed over and only a human can judge it; but bounded, so that a forgotten operation ends
   * (as FAILED) and writes its report instead of holding the stamp's lock forever.
   */
  static final Duration DECISION_TIMEOUT = Duration.ofDays(7);

  /** What the waiting step is told; null decision when nobody decided in time. */
  record Verdict(StepDecision decision, String who, String comment) {}

  private final Plan plan;
  private final String operationId;
  private final TimelineRecorder recorder;
  private final Set<String> waiting = new LinkedHashSet<>();
  private final Map<String, Verdict> answers = new LinkedHashMap<>();

  StepDecisions(Plan plan, String operationId, TimelineRecorder recorder) {
    this.plan = plan;
    this.operationId = operationId;
    this.recorder = recorder;
  }

  /** Waits for the operator's decision on a failed step; null when the operation was aborted meanwhile or nobody decided. */
  Verdict await(StepRecord record, Supplier<Boolean> aborted) {
    waiting.add(record.id);
    answers.remove(record.id);
    recorder.event(EventKind.DECISION_REQUESTED, record.id, null,
        "retries spent: " + record.error + "; decide retry, skip or abort");
    recorder.state(record, StepState.AWAITING_DECISION);
    try {
      boolean answered = Workflow.await(DECISION_TIMEOUT, () -> answers.containsKey(record.id) || aborted.get());
      if (!answered) {
        recorder.event(EventKind.DECISION, record.id, null, "nobody decided within " + DECISION_TIMEOUT.toDays() + " days; the step stays failed");
        return new Verdict(null, null, "nobody decided within " + DECISION_TIMEOUT.toDays() + " days");
      }
      return answers.remove(record.id);
    } finally {
      waiting.remove(record.id);
    }
  }

  void validate(DecisionRequest request) {
    resolve(request);
  }

  String apply(DecisionRequest request) {
    String step = resolve(request);
    String who = request.operator().trim();
    Verdict v = new Verdict(request.decision(), who, request.comment());
    waiting.remove(step);
    answers.put(step, v);
    String text = request.decision().text() + " " + step + " of " + operationId + " as " + who;
    recorder.event(EventKind.DECISION, step, who,
        request.comment() == null || request.comment().isBlank() ? text : text + ": " + request.comment());
    return text;
  }

  void applySignal(DecisionRequest request) {
    try {
      apply(request);
    } catch (IllegalArgumentException refused) {
      recorder.event(EventKind.REFUSED, request == null ? null : request.step(), request == null ? null : request.operator(),
          "decision signal refused: " + refused.getMessage());
    }
  }

  private String resolve(DecisionRequest request) {
    if (request == null) throw new IllegalArgumentException("a decision needs a step, retry|skip|abort and an operator");
    if (request.decision() == null) throw new IllegalArgumentException("the decision must be retry, skip or abort");
    String step;
    if (request.step() == null || request.step().isBlank()) {
      if (waiting.size() != 1) {
        throw new IllegalArgumentException(waiting.isEmpty()
            ? "no step of operation " + operationId + " is waiting for a decision"
            : "several steps wait for a decision (" + String.join(", ", waiting) + "); name the step");
      }
      step = waiting.iterator().next();
    } else {
      step = request.step().trim();
      if (plan.step(step) == null) throw new IllegalArgumentException("operation " + operationId + " has no step '" + step + "'");
      if (!waiting.contains(step)) {
        StepRecord r = recorder.step(step);
        throw new IllegalArgumentException("step '" + step + "' is not waiting for a decision (it is " + r.state.name().toLowerCase(Locale.ROOT) + ")");
      }
    }
    if (request.operator() == null || request.operator().isBlank()) {
      throw new IllegalArgumentException("a decision needs the operator's identity");
    }
    if (!Identities.contains(plan.knownApprovers(), request.operator())) {
      throw new IllegalArgumentException("unknown identity '" + request.operator() + "': not an operator of stamp " + plan.stamp());
    }
    return step;
  }
}
