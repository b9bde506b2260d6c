package dev.continuity.workflows;

import dev.continuity.model.notify.ApprovalNotice;
import dev.continuity.model.notify.DecisionNotice;
import dev.continuity.model.notify.NotificationActivities;
import dev.continuity.model.notify.NotificationResult;
import dev.continuity.model.notify.OperationEndedNotice;
import dev.continuity.model.plan.ApprovalGate;
import dev.continuity.model.report.ReportResult;
import dev.continuity.model.timeline.EventKind;
import dev.continuity.model.timeline.StepRecord;
import dev.continuity.model.timeline.Timeline;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;

/**
 * Tells people when a gate waits, when a step waits for a decision, and when the operation ended.
 * Waiting notices go out in the background (the gate's timer must not wait for Teams); the end
 * notice is awaited, within its short limit, because a closed workflow's pending activities are
 * never delivered. Whatever is not delivered becomes a NOTIFICATION event, never a failure.
 * Introduced after histories were recorded: guarded by the "notifications" version.
 */
final class OperationNotices {
  static final ActivityOptions OPTIONS = ActivityOptions.newBuilder()
      .setTaskQueue(ContinuityNames.TASK_QUEUE)
      .setStartToCloseTimeout(Duration.ofSeconds(30))
      .setScheduleToCloseTimeout(Duration.ofMinutes(2))
      .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofSeconds(2)).setMaximumAttempts(3).build())
      .setSummary("notification")
      .build();

  private final String operationId;
  private final TimelineRecorder recorder;
  private final NotificationActivities notify;
  private Integer version;

  OperationNotices(String operationId, TimelineRecorder recorder) {
    this.operationId = operationId;
    this.recorder = recorder;
    this.notify = Workflow.newActivityStub(NotificationActivities.class, OPTIONS);
  }

  private boolean enabled() {
    if (version == null) version = Workflow.getVersion("notifications", Workflow.DEFAULT_VERSION, 1);
    return version >= 1;
  }

  void approvalNeeded(StepRecord record, ApprovalGate gate, String why) {
    if (!enabled()) return;
    Timeline t = recorder.timeline();
    ApprovalNotice notice = new ApprovalNotice(operationId, t.stamp, mode(t), record.id, t.severity, why,
        gate.approvers() == null ? List.of() : gate.approvers(), t.fromRegion, t.toRegion);
    background("approval notice for step " + record.id, Async.function(notify::approvalNeeded, notice), record.id);
  }

  void decisionNeeded(StepRecord record) {
    if (!enabled()) return;
    Timeline t = recorder.timeline();
    DecisionNotice notice = new DecisionNotice(operationId, t.stamp, mode(t), record.id, record.attempts, record.error);
    background("decision notice for step " + record.id, Async.function(notify::decisionNeeded, notice), record.id);
  }

  void operationEnded(String outcome, String summary, ReportResult report) {
    if (!enabled()) return;
    Timeline t = recorder.timeline();
    OperationEndedNotice notice = new OperationEndedNotice(operationId, t.stamp, mode(t), outcome,
        report != null && report.summary() != null ? report.summary() : summary,
        report == null ? null : report.location(), report == null ? null : report.writtenBy());
    Promise<NotificationResult> sent = Async.function(notify::operationEnded, notice);
    try {
      record("end notice", sent.get(), null);
    } catch (ActivityFailure f) {
      recorder.event(EventKind.NOTIFICATION, null, null, "end notice not sent: " + StepActions.describe(f));
    }
  }

  private void background(String what, Promise<NotificationResult> sent, String step) {
    sent.handle((result, failure) -> {
      if (failure != null) {
        recorder.event(EventKind.NOTIFICATION, step, null, what + " not sent: "
            + (failure instanceof ActivityFailure af ? StepActions.describe(af) : failure.getMessage()));
      } else {
        record(what, result, step);
      }
      return null;
    });
  }

  private void record(String what, NotificationResult r, String step) {
    if (r == null) return;
    if (r.failures() != null && !r.failures().isEmpty()) {
      recorder.event(EventKind.NOTIFICATION, step, null, what + " not delivered: " + String.join("; ", r.failures())
          + (r.delivered() == null || r.delivered().isEmpty() ? "" : " (delivered to " + String.join(", ", r.delivered()) + ")"));
    } else if (r.delivered() != null && !r.delivered().isEmpty()) {
      recorder.event(EventKind.NOTIFICATION, step, null, what + " sent to " + String.join(", ", r.delivered()));
    }
  }

  private static String mode(Timeline t) {
    return t.mode == null ? null : t.mode.text();
  }
}
