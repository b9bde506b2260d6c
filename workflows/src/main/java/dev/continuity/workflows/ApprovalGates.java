package dev.continuity.workflows;

import dev.continuity.model.estate.TimeoutOutcome;
import dev.continuity.model.operation.ApprovalRequest;
import dev.continuity.model.plan.ApprovalGate;
import dev.continuity.model.plan.Plan;
import dev.continuity.model.timeline.EventKind;
import dev.continuity.model.timeline.StepRecord;
import dev.continuity.model.timeline.StepState;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The approval gates of one operation: which wait, who may answer them, and what happens when
 * nobody does. Answers come from the "approve" update (validated before it is accepted) or the
 * "approval" signal (recorded as REFUSED when invalid, since a signal cannot be refused).
 */
final class ApprovalGates {
  /** Used when a gate names no timeout: the inventory's default. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);

  /** How a gate ended. */
  enum Passage {
    APPROVED,
    /** Nobody answered and the policy says go on. */
    PROCEEDED,
    REJECTED,
    /** Nobody answered and the policy (or the escalation's second timeout) says stop. */
    TIMED_OUT,
    /** The operation was aborted elsewhere while the gate waited. */
    INTERRUPTED
  }

  private record Answer(boolean approve, String who, String comment) {}

  private static final class WaitingGate {
    final String step;
    final ApprovalGate gate;
    List<String> allowed;
    Answer answer;

    WaitingGate(String step, ApprovalGate gate) {
      this.step = step;
      this.gate = gate;
      this.allowed = gate.allowed() == null ? List.of() : List.copyOf(gate.allowed());
    }
  }

  private final Plan plan;
  private final String operationId;
  private final TimelineRecorder recorder;
  private final Map<String, WaitingGate> waiting = new LinkedHashMap<>();

  ApprovalGates(Plan plan, String operationId, TimelineRecorder recorder) {
    this.plan = plan;
    this.operationId = operationId;
    this.recorder = recorder;
  }

  /**
   * Waits for an answer to the gate of {@code record}'s step, on a durable timer; applies the
   * gate's timeout outcome when nobody answers.
   */
  Passage await(StepRecord record, ApprovalGate gate, String why, Supplier<Boolean> aborted) {
    WaitingGate w = new WaitingGate(record.id, gate);
    waiting.put(record.id, w);
    Duration timeout = gate.timeout() == null || gate.timeout().isZero() || gate.timeout().isNegative() ? DEFAULT_TIMEOUT : gate.timeout();
    recorder.event(EventKind.APPROVAL_REQUESTED, record.id, null,
        why + "; may approve: " + String.join(", ", w.allowed) + "; waits " + timeout);
    recorder.state(record, StepState.AWAITING_APPROVAL);
    try {
      if (Workflow.await(timeout, () -> w.answer != null || aborted.get())) return answered(record, w);
      TimeoutOutcome onTimeout = gate.onTimeout() == null ? TimeoutOutcome.ABORT : gate.onTimeout();
      switch (onTimeout) {
        case PROCEED -> {
          recorder.event(EventKind.APPROVAL_TIMED_OUT, record.id, null, "nobody decided within " + timeout + "; proceeding by policy");
          record.decision = "nobody decided within " + timeout + "; proceeded by policy";
          return Passage.PROCEEDED;
        }
        case ESCALATE -> {
          w.allowed = Identities.union(w.allowed, gate.escalation());
          recorder.event(EventKind.APPROVAL_ESCALATED, record.id, null,
              "nobody decided within " + timeout + "; now may approve: " + String.join(", ", w.allowed) + "; waits " + timeout + " more");
          if (Workflow.await(timeout, () -> w.answer != null || aborted.get())) return answered(record, w);
          recorder.event(EventKind.APPROVAL_TIMED_OUT, record.id, null, "nobody decided after escalation; aborting");
          record.decision = "nobody decided after escalation; aborted";
          return Passage.TIMED_OUT;
        }
        default -> {
          recorder.event(EventKind.APPROVAL_TIMED_OUT, record.id, null, "nobody decided within " + timeout + "; aborting by policy");
          record.decision = "nobody decided within " + timeout + "; aborted";
          return Passage.TIMED_OUT;
        }
      }
    } finally {
      waiting.remove(record.id);
    }
  }

  private Passage answered(StepRecord record, WaitingGate w) {
    if (w.answer == null) return Passage.INTERRUPTED;
    record.decision = (w.answer.approve ? "approved by " : "rejected by ") + w.answer.who
        + (w.answer.comment == null || w.answer.comment.isBlank() ? "" : ": " + w.answer.comment);
    return w.answer.approve ? Passage.APPROVED : Passage.REJECTED;
  }

  boolean anyWaiting() {
    return !waiting.isEmpty();
  }

  /** The update validator: throws, with the reason, when the request cannot be applied now. */
  void validate(ApprovalRequest request) {
    resolve(request);
  }

  /** Applies a valid answer; the waiting step reads it when it next runs. */
  String apply(ApprovalRequest request) {
    WaitingGate w = resolve(request);
    w.answer = new Answer(request.approve(), request.approver().trim(), request.comment());
    // Removed here, not when the step resumes, so that a second answer in the same task is refused.
    waiting.remove(w.step);
    String text = (request.approve() ? "approved " : "rejected ") + w.step + " of " + operationId + " as " + w.answer.who;
    recorder.event(request.approve() ? EventKind.APPROVED : EventKind.REJECTED, w.step, w.answer.who,
        request.comment() == null || request.comment().isBlank() ? text : text + ": " + request.comment());
    return text;
  }

  /** The signal's way: a refused answer cannot be returned to the sender, so it is written down. */
  void applySignal(ApprovalRequest request) {
    try {
      apply(request);
    } catch (IllegalArgumentException refused) {
      String who = request == null ? null : request.approver();
      String step = request == null ? null : request.step();
      recorder.event(EventKind.REFUSED, step, who, "approval signal refused: " + refused.getMessage());
    }
  }

  private WaitingGate resolve(ApprovalRequest request) {
    if (request == null) throw new IllegalArgumentException("an approval needs a step, approve true/false and an approver");
    if (waiting.isEmpty()) throw new IllegalArgumentException("no approval gate is waiting in operation " + operationId);
    WaitingGate w;
    if (request.step() == null || request.step().isBlank()) {
      if (waiting.size() > 1) {
        throw new IllegalArgumentException("several gates are waiting (" + String.join(", ", waiting.keySet()) + "); name the step");
      }
      w = waiting.values().iterator().next();
    } else {
      w = waiting.get(request.step().trim());
      if (w == null) {
        if (plan.step(request.step().trim()) == null) {
          throw new IllegalArgumentException("operation " + operationId + " has no step '" + request.step() + "'; waiting: " + String.join(", ", waiting.keySet()));
        }
        throw new IllegalArgumentException("step '" + request.step() + "' is not waiting for an approval; waiting: " + String.join(", ", waiting.keySet()));
      }
    }
    if (request.approver() == null || request.approver().isBlank()) {
      throw new IllegalArgumentException("an approval needs the approver's identity");
    }
    if (!Identities.contains(plan.knownApprovers(), request.approver())) {
      throw new IllegalArgumentException("unknown identity '" + request.approver() + "': not an approver of stamp " + plan.stamp());
    }
    if (!Identities.contains(w.allowed, request.approver())) {
      throw new IllegalArgumentException("'" + request.approver() + "' may not approve step '" + w.step + "'; may approve: "
          + (w.allowed.isEmpty() ? "nobody listed" : String.join(", ", new ArrayList<>(w.allowed))));
    }
    return w;
  }
}
