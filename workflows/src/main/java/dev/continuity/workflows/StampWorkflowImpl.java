package dev.continuity.workflows;

import dev.continuity.model.operation.OperationInput;
import dev.continuity.model.operation.OperationRequest;
import dev.continuity.model.operation.OperationResult;
import dev.continuity.model.operation.OperationSummary;
import dev.continuity.model.operation.OperationTicket;
import dev.continuity.model.operation.Outcome;
import dev.continuity.model.operation.StampSettings;
import dev.continuity.model.operation.StampState;
import dev.continuity.model.plan.Mode;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The stamp entity: one operation at a time (DESIGN rule 6). Requests arrive as the "request"
 * update; the validator refuses, with a reason, what conflicts with the running operation, the
 * cooldown or the region the stamp is active in; a repeated failover is joined. The operation runs
 * as a child workflow with ParentClosePolicy ABANDON, so nothing that happens to the entity (a
 * reset, a termination by mistake) can stop a failover half way.
 */
public class StampWorkflowImpl implements StampWorkflow {
  /** Finished operations kept in the state (and carried across continue-as-new). */
  static final int HISTORY_LIMIT = 20;
  /** Operations per run before the entity continues as new, whatever the history size. */
  static final int OPERATIONS_PER_RUN = 50;

  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final StampSettings settings;
  private String activeRegion;
  private long cooldownUntilMillis;
  private final List<OperationSummary> history = new ArrayList<>();
  private long sequence;
  private int operationsThisRun;

  /** The running operation, or null when idle. */
  private Running running;

  private final OperationSearchAttributes searchAttributes = new OperationSearchAttributes();

  private static final class Running {
    final String id;
    final Mode mode;
    final OperationRequest request;
    final long startedAtMillis;
    final List<String> triggerIds = new ArrayList<>();
    Promise<OperationResult> result;

    Running(String id, Mode mode, OperationRequest request, long startedAtMillis) {
      this.id = id;
      this.mode = mode;
      this.request = request;
      this.startedAtMillis = startedAtMillis;
      if (request.triggerId() != null) triggerIds.add(request.triggerId());
    }
  }

  /** The last finished operation's triggers, so an alert that fires again after it joins it instead of being refused. */
  private String lastOperationId;
  private Mode lastMode;
  private final List<String> lastTriggerIds = new ArrayList<>();

  /**
   * State is set up here rather than in {@link #run}: with update-with-start (how the starter
   * reaches a stamp), the "request" validator can run before the workflow method does.
   */
  @WorkflowInit
  public StampWorkflowImpl(StampSettings settings) {
    this.settings = settings;
    StampState carried = settings.carried();
    if (carried != null) {
      activeRegion = carried.activeRegion();
      cooldownUntilMillis = carried.cooldownUntilMillis();
      if (carried.history() != null) history.addAll(carried.history());
      sequence = carried.sequence();
    } else {
      activeRegion = settings.primaryRegion();
    }
  }

  @Override
  public void run(StampSettings settings) {
    publish();
    while (true) {
      Workflow.await(() -> (running != null && running.result != null && running.result.isCompleted()) || (running == null && timeToContinueAsNew()));
      if (running != null && running.result != null && running.result.isCompleted()) {
        finish(running);
        continue;
      }
      // Handlers still running (a request waiting for its child to start) would be lost.
      Workflow.await(() -> Workflow.isEveryHandlerFinished());
      if (running == null) {
        Workflow.continueAsNew(new StampSettings(settings.stamp(), settings.primaryRegion(), settings.secondaryRegion(),
            settings.cooldown(), state()));
      }
    }
  }

  private boolean timeToContinueAsNew() {
    return operationsThisRun >= OPERATIONS_PER_RUN || Workflow.getInfo().isContinueAsNewSuggested();
  }

  @Override
  public void validateRequest(OperationRequest request) {
    if (join(request) == null) refusal(request);
  }

  @Override
  public OperationTicket request(OperationRequest request) {
    OperationTicket joined = join(request);
    if (joined != null) {
      if (running != null && request.triggerId() != null && !running.triggerIds.contains(request.triggerId())) {
        running.triggerIds.add(request.triggerId());
      }
      return joined;
    }
    refusal(request);
    Mode mode = request.plan().mode();
    long now = Workflow.currentTimeMillis();
    sequence++;
    operationsThisRun++;
    String id = settings.stamp() + "-" + mode.text() + "-" + ID_TIME.format(Instant.ofEpochMilli(now)) + "-" + sequence;
    Running op = new Running(id, mode, request, now);
    running = op;
    publish();
    ChildWorkflowOptions options = ChildWorkflowOptions.newBuilder()
        .setWorkflowId(id)
        .setTaskQueue(ContinuityNames.TASK_QUEUE)
        .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
        .build();
    OperationInput input = new OperationInput(id, request);
    Object stub;
    switch (mode) {
      case FAILOVER -> {
        FailoverWorkflow w = Workflow.newChildWorkflowStub(FailoverWorkflow.class, options);
        op.result = Async.function(w::run, input);
        stub = w;
      }
      case FAILBACK -> {
        FailbackWorkflow w = Workflow.newChildWorkflowStub(FailbackWorkflow.class, options);
        op.result = Async.function(w::run, input);
        stub = w;
      }
      default -> {
        DrillWorkflow w = Workflow.newChildWorkflowStub(DrillWorkflow.class, options);
        op.result = Async.function(w::run, input);
        stub = w;
      }
    }
    try {
      Workflow.getWorkflowExecution(stub).get();
    } catch (TemporalFailure e) {
      // The child never started (for example its id is taken): the stamp is free again.
      running = null;
      history(new OperationSummary(id, mode, Outcome.FAILED, now, Workflow.currentTimeMillis(), request.requestedBy(),
          "could not start: " + e.getMessage()));
      publish();
      throw ApplicationFailure.newFailure("operation " + id + " could not start: " + e.getMessage(), "OperationNotStarted");
    }
    return new OperationTicket(id, settings.stamp(), mode, false);
  }

  @Override
  public StampState state() {
    return new StampState(settings.stamp(), activeRegion, running == null ? null : running.id,
        running == null ? null : running.mode.text(), cooldownUntilMillis, List.copyOf(history), sequence);
  }

  /** A ticket to the running (or just finished) failover this request repeats, or null. */
  private OperationTicket join(OperationRequest request) {
    if (request == null || request.plan() == null || !Objects.equals(request.plan().stamp(), settings.stamp())) return null;
    Mode mode = request.plan().mode();
    if (running != null) {
      boolean sameTrigger = request.triggerId() != null && running.triggerIds.contains(request.triggerId());
      if ((mode == Mode.FAILOVER && running.mode == Mode.FAILOVER) || (sameTrigger && mode == running.mode)) {
        return new OperationTicket(running.id, settings.stamp(), running.mode, true);
      }
      return null;
    }
    if (request.triggerId() != null && lastOperationId != null && mode == lastMode && lastTriggerIds.contains(request.triggerId())) {
      return new OperationTicket(lastOperationId, settings.stamp(), lastMode, true);
    }
    return null;
  }

  /** Throws, with the reason, when the stamp cannot start this operation now. */
  private void refusal(OperationRequest request) {
    if (request == null || request.plan() == null) throw new IllegalArgumentException("a request needs a compiled plan");
    String stamp = settings.stamp();
    if (!Objects.equals(request.plan().stamp(), stamp)) {
      throw new IllegalArgumentException("the plan is for stamp " + request.plan().stamp() + ", this is stamp " + stamp);
    }
    Mode mode = request.plan().mode();
    if (mode == null) throw new IllegalArgumentException("the plan names no mode (failover, failback or drill)");
    if (running != null) {
      throw new IllegalArgumentException("stamp " + stamp + " is running " + running.mode.text() + " " + running.id
          + "; wait for it or approve/abort it");
    }
    long now = Workflow.currentTimeMillis();
    if (now < cooldownUntilMillis) {
      throw new IllegalArgumentException("stamp " + stamp + " is in cooldown until " + Instant.ofEpochMilli(cooldownUntilMillis)
          + " after its last operation");
    }
    switch (mode) {
      case FAILOVER -> {
        if (Objects.equals(activeRegion, settings.secondaryRegion())) {
          throw new IllegalArgumentException("stamp " + stamp + " is already active in its secondary region " + activeRegion + "; fail back first");
        }
      }
      case FAILBACK -> {
        if (Objects.equals(activeRegion, settings.primaryRegion())) {
          throw new IllegalArgumentException("stamp " + stamp + " is already active in its primary region " + activeRegion + "; nothing to fail back");
        }
      }
      case DRILL -> {
        if (!Objects.equals(activeRegion, settings.primaryRegion())) {
          throw new IllegalArgumentException("a drill starts from the primary region " + settings.primaryRegion() + ", but stamp " + stamp
              + " is active in " + activeRegion);
        }
      }
    }
  }

  private void finish(Running op) {
    long now = Workflow.currentTimeMillis();
    Outcome outcome;
    String note;
    try {
      OperationResult result = op.result.get();
      outcome = result.outcome();
      note = result.summary();
      if (result.activeRegion() != null) activeRegion = result.activeRegion();
    } catch (ChildWorkflowFailure failure) {
      // The child failed outright (not a FAILED outcome): where the stamp serves from is unknown,
      // so the active region stays what it was known to be.
      outcome = Outcome.FAILED;
      note = "the operation workflow failed: " + (failure.getCause() == null ? failure.getMessage() : failure.getCause().getMessage());
    }
    history(new OperationSummary(op.id, op.mode, outcome, op.startedAtMillis, now, op.request.requestedBy(), note));
    Duration cooldown = settings.cooldown() == null ? Duration.ZERO : settings.cooldown();
    cooldownUntilMillis = now + cooldown.toMillis();
    lastOperationId = op.id;
    lastMode = op.mode;
    lastTriggerIds.clear();
    lastTriggerIds.addAll(op.triggerIds);
    running = null;
    publish();
  }

  private void history(OperationSummary summary) {
    history.add(summary);
    while (history.size() > HISTORY_LIMIT) history.remove(0);
  }

  private void publish() {
    searchAttributes.publish(settings.stamp(), running == null ? "none" : running.mode.text(),
        running == null ? "idle" : "running", null);
  }
}
