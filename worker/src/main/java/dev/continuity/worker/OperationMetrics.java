package dev.continuity.worker;

import com.uber.m3.tally.Scope;
import dev.continuity.activities.report.RecoveryMeasures;
import dev.continuity.model.operation.OperationInput;
import dev.continuity.model.operation.OperationResult;
import dev.continuity.model.plan.Plan;
import dev.continuity.model.timeline.EventKind;
import dev.continuity.model.timeline.StepRecord;
import dev.continuity.model.timeline.StepState;
import dev.continuity.model.timeline.Timeline;
import dev.continuity.model.timeline.TimelineEvent;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.workflow.Workflow;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Continuity's own metrics, read from what a failover, failback or drill returns: operations by
 * stamp, kind and outcome, how long each action's step took, how long approvals kept it waiting,
 * and the recovery time achieved against the target (computed as the report computes it).
 *
 * <p>It runs in the workflow, around the workflow method, and emits only through
 * {@link Workflow#getMetricsScope()}, which stays silent while a workflow is replayed: a worker
 * that replays a history after a restart counts nothing twice, and no command is added to any
 * history. Numbers of one operation appear when it ends.
 */
public final class OperationMetrics extends WorkerInterceptorBase {
  public static final String OPERATIONS_STARTED = "continuity_operations_started";
  public static final String OPERATIONS = "continuity_operations";
  public static final String STEP_DURATION = "continuity_step_duration";
  public static final String APPROVAL_WAIT = "continuity_approval_wait";
  public static final String RTO_ACHIEVED = "continuity_rto_achieved_seconds";
  public static final String RTO_TARGET = "continuity_rto_target_seconds";
  public static final String RTO_OBJECTIVE = "continuity_rto_objective";

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new WorkflowInboundCallsInterceptorBase(next) {
      @Override
      public WorkflowOutput execute(WorkflowInput input) {
        OperationInput operation = input.getArguments().length == 1 && input.getArguments()[0] instanceof OperationInput o
            && o.request() != null && o.request().plan() != null ? o : null;
        if (operation == null) return super.execute(input);
        Plan plan = operation.request().plan();
        Scope scope = Workflow.getMetricsScope().tagged(Map.of("stamp", plan.stamp(), "kind", plan.mode().text()));
        scope.counter(OPERATIONS_STARTED).inc(1);
        WorkflowOutput output = super.execute(input);
        if (output.getResult() instanceof OperationResult result && result.timeline() != null) {
          record(scope, plan, result);
        }
        return output;
      }
    };
  }

  static void record(Scope scope, Plan plan, OperationResult result) {
    Timeline t = result.timeline();
    String outcome = result.outcome() == null ? "unknown" : result.outcome().name().toLowerCase(Locale.ROOT);
    scope.tagged(Map.of("outcome", outcome)).counter(OPERATIONS).inc(1);

    Map<String, Long> actionStarted = new HashMap<>();
    Map<String, Long> approvalRequested = new HashMap<>();
    for (TimelineEvent e : t.events) {
      if (e.step() == null) continue;
      switch (e.kind()) {
        case STEP_STARTED -> actionStarted.putIfAbsent(e.step(), e.atMillis());
        case APPROVAL_REQUESTED -> approvalRequested.putIfAbsent(e.step(), e.atMillis());
        case APPROVED, REJECTED, APPROVAL_TIMED_OUT -> {
          Long from = approvalRequested.remove(e.step());
          if (from != null) {
            scope.tagged(Map.of("decision", decision(e.kind()))).timer(APPROVAL_WAIT)
                .record(com.uber.m3.util.Duration.ofMillis(Math.max(0, e.atMillis() - from)));
          }
        }
        default -> { }
      }
    }
    // From the action's first start (after any approval) to the step's end, over retries and decisions.
    for (StepRecord s : t.steps) {
      Long from = actionStarted.get(s.id);
      if (s.action == null || from == null || s.endedAtMillis <= 0) continue;
      if (s.state != StepState.SUCCEEDED && s.state != StepState.FAILED && s.state != StepState.SKIPPED) continue;
      scope.tagged(Map.of("action", s.action, "state", s.state.name().toLowerCase(Locale.ROOT))).timer(STEP_DURATION)
          .record(com.uber.m3.util.Duration.ofMillis(Math.max(0, s.endedAtMillis - from)));
    }

    RecoveryMeasures measures = RecoveryMeasures.of(plan, t);
    if (plan.targets() != null) scope.gauge(RTO_TARGET).update(plan.targets().rtoMinutes() * 60.0);
    if (measures.rtoSeconds() >= 0) scope.gauge(RTO_ACHIEVED).update(measures.rtoSeconds());
    scope.tagged(Map.of("met", Boolean.toString(measures.rtoMet()))).counter(RTO_OBJECTIVE).inc(1);
  }

  private static String decision(EventKind kind) {
    return switch (kind) {
      case APPROVED -> "approved";
      case REJECTED -> "rejected";
      default -> "timed_out";
    };
  }
}
