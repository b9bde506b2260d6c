package dev.continuity.workflows;

import dev.continuity.model.operation.ApprovalRequest;
import dev.continuity.model.operation.DecisionRequest;
import dev.continuity.model.timeline.Timeline;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;

/**
 * What every failover, failback and drill answers to while it runs: approvals and step decisions
 * (as Updates, validated synchronously, for the CLI; as Signals of the same meaning for the
 * Temporal Web UI), and a query of its timeline.
 */
public interface RecoveryOperation {

  /** Approve or reject a waiting gate. Returns what was decided, in words. */
  @UpdateMethod(name = "approve")
  String approve(ApprovalRequest request);

  /** Refuses, with the reason, an unknown identity, one not among the gate's approvers, or no gate waiting. */
  @UpdateValidatorMethod(updateName = "approve")
  void validateApprove(ApprovalRequest request);

  /** Retry, skip or abort a step whose retries are spent. */
  @UpdateMethod(name = "decide")
  String decide(DecisionRequest request);

  @UpdateValidatorMethod(updateName = "decide")
  void validateDecide(DecisionRequest request);

  /** The Web UI's way to approve: same meaning as the update; a refused one is recorded in the timeline. */
  @SignalMethod(name = "approval")
  void approvalSignal(ApprovalRequest request);

  /** The Web UI's way to decide a failed step. */
  @SignalMethod(name = "decision")
  void decisionSignal(DecisionRequest request);

  @QueryMethod(name = "timeline")
  Timeline timeline();
}
