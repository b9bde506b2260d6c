package dev.continuity.workflows;

import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.operation.ApprovalRequest;
import dev.continuity.model.operation.DecisionRequest;
import dev.continuity.model.operation.OperationInput;
import dev.continuity.model.operation.OperationRequest;
import dev.continuity.model.operation.OperationResult;
import dev.continuity.model.operation.Outcome;
import dev.continuity.model.plan.Mode;
import dev.continuity.model.plan.Plan;
import dev.continuity.model.plan.PlanStep;
import dev.continuity.model.report.ReportResult;
import dev.continuity.model.timeline.EventKind;
import dev.continuity.model.timeline.StepRecord;
import dev.continuity.model.timeline.StepState;
import dev.continuity.model.timeline.Timeline;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CompletablePromise;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a frozen plan as a DAG: every step in its own workflow coroutine, started as soon as all
 * its dependencies succeeded or were skipped, so independent steps run in parallel and the
 * recovery time is the critical path (DESIGN rule 5). A step is [approval gate] then action; a
 * failed action asks an operator. The report is always the last activity.
 *
 * <p>On abort no new step starts, but running actions are left to finish rather than cancelled:
 * an action cancelled in the middle of an ARM operation leaves its resource in a state nobody
 * observed, while one that finishes reports what it did, and the report can say where the estate
 * was left.
 */
final class RunbookExecutor {
  private final OperationInput input;
  private final OperationRequest request;
  private final Plan plan;
  private final TimelineRecorder recorder;
  private final ApprovalGates gates;
  private final StepDecisions decisions;
  private final OperationNotices notices;

  private boolean aborted;
  private String abortReason;
  /** True when the operation stopped on its own (a failure nobody resolved), not by a human or a policy. */
  private boolean failedUnresolved;

  RunbookExecutor(OperationInput input) {
    this.input = input;
    this.request = input.request();
    this.plan = request.plan();
    this.recorder = new TimelineRecorder(input);
    this.gates = new ApprovalGates(plan, input.operationId(), recorder);
    this.decisions = new StepDecisions(plan, input.operationId(), recorder);
    this.notices = new OperationNotices(input.operationId(), recorder);
  }

  OperationResult run() {
    recorder.event(EventKind.OPERATION_STARTED, null, request.requestedBy(),
        plan.mode().text() + " of " + plan.stamp() + " from " + plan.fromRegion() + " to " + plan.toRegion()
            + (request.reason() == null ? "" : ": " + request.reason()));
    recorder.refresh();

    Set<String> runnable = acyclic();
    Map<String, CompletablePromise<StepState>> finished = new LinkedHashMap<>();
    for (PlanStep step : plan.steps()) finished.put(step.id(), Workflow.newPromise());
    List<Promise<Void>> coroutines = new ArrayList<>();
    for (PlanStep step : plan.steps()) {
      coroutines.add(Async.procedure(() -> finished.get(step.id()).complete(runStep(step, runnable, finished))));
    }
    // A bug in a coroutine surfaces here and fails the workflow task (retried after a fix),
    // instead of leaving dependents waiting forever.
    Promise.allOf(coroutines).get();

    Outcome outcome = outcome();
    recorder.reporting(outcome);
    recorder.event(EventKind.OPERATION_ENDED, null, null, summary(outcome));
    ReportResult report = OperationReport.write(plan, recorder);
    String location = report == null ? null : report.location();
    notices.operationEnded(outcome.name().toLowerCase(java.util.Locale.ROOT), summary(outcome), report);
    recorder.closed();
    return new OperationResult(input.operationId(), outcome, activeRegion(outcome), summary(outcome), location, recorder.timeline());
  }

  private StepState runStep(PlanStep step, Set<String> runnable, Map<String, CompletablePromise<StepState>> finished) {
    StepRecord record = recorder.step(step.id());
    if (!runnable.contains(step.id())) {
      return notRun(record, "its dependencies are missing from the plan or form a cycle");
    }
    List<Promise<StepState>> deps = new ArrayList<>();
    for (String dep : deps(step)) deps.add(finished.get(dep));
    Promise.allOf(deps).get();
    for (String dep : deps(step)) {
      StepState s = finished.get(dep).get();
      if (!s.letsDependentsRun()) return notRun(record, "dependency " + dep + " " + s.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
    }
    if (aborted) return notRun(record, "operation aborted: " + abortReason);

    record.startedAtMillis = recorder.now();
    if (step.approval() != null && !passGate(step, record)) {
      record.endedAtMillis = recorder.now();
      return record.state;
    }
    if (step.action() == null || step.action().isBlank()) {
      record.endedAtMillis = recorder.now();
      recorder.event(EventKind.STEP_SUCCEEDED, step.id(), null, "gate passed");
      recorder.state(record, StepState.SUCCEEDED);
      return record.state;
    }
    return runAction(step, record);
  }

  /** True when the step may go on to its action. */
  private boolean passGate(PlanStep step, StepRecord record) {
    GateActivation.Verdict verdict = GateActivation.evaluate(step.approval(), request, recorder.timeline().steps);
    if (!verdict.waits()) {
      record.decision = verdict.reason();
      recorder.event(EventKind.APPROVED, step.id(), null, "gate skipped: " + verdict.reason());
      return true;
    }
    notices.approvalNeeded(record, step.approval(), verdict.reason());
    ApprovalGates.Passage passage = gates.await(record, step.approval(), verdict.reason(), () -> aborted);
    switch (passage) {
      case APPROVED, PROCEEDED -> {
        recorder.state(record, StepState.PENDING);
        return true;
      }
      case REJECTED -> abort(record.decision);
      case TIMED_OUT -> abort("approval of " + step.id() + " timed out");
      case INTERRUPTED -> { }
    }
    notRun(record, passage == ApprovalGates.Passage.INTERRUPTED ? "operation aborted: " + abortReason : record.decision);
    return false;
  }

  private StepState runAction(PlanStep step, StepRecord record) {
    while (true) {
      // Another branch may have aborted while this step's gate waited: no new action starts then.
      if (aborted) return notRun(record, "operation aborted: " + abortReason);
      recorder.event(EventKind.STEP_STARTED, step.id(), null, step.action() + (record.target == null ? "" : " on " + record.target));
      recorder.state(record, StepState.RUNNING);
      try {
        ActionResult result = StepActions.run(step, input.operationId(), request);
        record.attempts += 1;
        record.endedAtMillis = recorder.now();
        record.message = result.message();
        record.changed = result.changed();
        record.error = null;
        // Gates read facts per step (which probe said what), so they stay on the step's record.
        if (result.facts() != null) record.facts.putAll(result.facts());
        recorder.event(EventKind.STEP_SUCCEEDED, step.id(), null, result.message());
        recorder.state(record, StepState.SUCCEEDED);
        return StepState.SUCCEEDED;
      } catch (ActivityFailure failure) {
        record.attempts += StepActions.attempts(failure, step);
        record.error = StepActions.describe(failure);
        record.endedAtMillis = recorder.now();
        recorder.event(EventKind.STEP_FAILED, step.id(), null, record.error);
        if (aborted) {
          recorder.state(record, StepState.FAILED);
          return StepState.FAILED;
        }
        notices.decisionNeeded(record);
        StepDecisions.Verdict verdict = decisions.await(record, () -> aborted);
        if (verdict == null) {
          record.decision = "operation aborted while the step waited for a decision: " + abortReason;
          recorder.state(record, StepState.FAILED);
          return StepState.FAILED;
        }
        if (verdict.decision() == null) {
          record.decision = verdict.comment();
          recorder.state(record, StepState.FAILED);
          failedUnresolved = true;
          abort("step " + step.id() + " failed and " + verdict.comment());
          return StepState.FAILED;
        }
        record.decision = verdict.decision().text() + " by " + verdict.who()
            + (verdict.comment() == null || verdict.comment().isBlank() ? "" : ": " + verdict.comment());
        switch (verdict.decision()) {
          case RETRY -> { continue; }
          case SKIP -> {
            record.endedAtMillis = recorder.now();
            recorder.state(record, StepState.SKIPPED);
            return StepState.SKIPPED;
          }
          case ABORT -> {
            recorder.state(record, StepState.FAILED);
            abort(record.decision + " (step " + step.id() + " failed: " + record.error + ")");
            return StepState.FAILED;
          }
        }
      }
    }
  }

  private StepState notRun(StepRecord record, String why) {
    if (record.error == null) record.error = why;
    recorder.state(record, StepState.NOT_RUN);
    return StepState.NOT_RUN;
  }

  private void abort(String reason) {
    if (aborted) return;
    aborted = true;
    abortReason = reason;
    recorder.event(EventKind.ABORTED, null, null, reason);
  }

  private Outcome outcome() {
    if (failedUnresolved) return Outcome.FAILED;
    if (aborted) return Outcome.ABORTED;
    for (StepRecord s : recorder.timeline().steps) if (!s.state.letsDependentsRun()) return Outcome.FAILED;
    return Outcome.SUCCEEDED;
  }

  /** Where the stamp serves from, as far as the program knows: a drill ends where it started. */
  private String activeRegion(Outcome outcome) {
    if (plan.mode() == Mode.DRILL) return plan.fromRegion();
    return outcome == Outcome.SUCCEEDED ? plan.toRegion() : plan.fromRegion();
  }

  private String summary(Outcome outcome) {
    Timeline t = recorder.timeline();
    Map<StepState, Integer> counts = new LinkedHashMap<>();
    for (StepRecord s : t.steps) counts.merge(s.state, 1, Integer::sum);
    StringBuilder b = new StringBuilder();
    b.append(plan.mode().text()).append(" of ").append(plan.stamp()).append(' ')
        .append(plan.fromRegion()).append(" -> ").append(plan.toRegion()).append(' ')
        .append(outcome.name().toLowerCase(java.util.Locale.ROOT))
        .append(" after ").append(seconds(t.endedAtMillis - t.startedAtMillis)).append(": ");
    List<String> parts = new ArrayList<>();
    counts.forEach((state, n) -> parts.add(n + " " + state.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')));
    b.append(String.join(", ", parts));
    if (abortReason != null) b.append("; ").append(abortReason);
    return b.toString();
  }

  private static String seconds(long millis) {
    long s = Math.max(0, millis) / 1000;
    return s >= 60 ? (s / 60) + "m" + (s % 60) + "s" : s + "s";
  }

  private static List<String> deps(PlanStep step) {
    return step.dependsOn() == null ? List.of() : step.dependsOn();
  }

  /** Steps whose dependencies all exist and lead back to steps without any (no cycle). */
  private Set<String> acyclic() {
    Set<String> ok = new LinkedHashSet<>();
    Set<String> ids = new HashSet<>();
    for (PlanStep s : plan.steps()) ids.add(s.id());
    boolean grew = true;
    while (grew) {
      grew = false;
      for (PlanStep s : plan.steps()) {
        if (!ok.contains(s.id()) && ok.containsAll(deps(s)) && ids.containsAll(deps(s))) {
          ok.add(s.id());
          grew = true;
        }
      }
    }
    return ok;
  }

  // --- handlers, called by the workflow's update, signal and query methods ---

  void validateApprove(ApprovalRequest r) {
    gates.validate(r);
  }

  String approve(ApprovalRequest r) {
    return gates.apply(r);
  }

  void approvalSignal(ApprovalRequest r) {
    gates.applySignal(r);
  }

  void validateDecide(DecisionRequest r) {
    decisions.validate(r);
  }

  String decide(DecisionRequest r) {
    return decisions.apply(r);
  }

  void decisionSignal(DecisionRequest r) {
    decisions.applySignal(r);
  }

  Timeline timeline() {
    return recorder.timeline();
  }
}
