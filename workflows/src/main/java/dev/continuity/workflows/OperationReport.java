package dev.continuity.workflows;

import dev.continuity.model.plan.Plan;
import dev.continuity.model.report.ReportActivities;
import dev.continuity.model.report.ReportInput;
import dev.continuity.model.report.ReportResult;
import dev.continuity.model.timeline.EventKind;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * The last activity of every operation, also after an abort or a failure (DESIGN rule 9). Its own
 * generous retry policy: a model endpoint that is slow or rate-limited should not cost the report;
 * and when even that is spent the operation still ends, with the failure in its timeline. Changing
 * these options changes no command in the history, so no version marker guards them.
 */
final class OperationReport {
  static final ActivityOptions OPTIONS = ActivityOptions.newBuilder()
      .setTaskQueue(ContinuityNames.TASK_QUEUE)
      .setStartToCloseTimeout(Duration.ofMinutes(5))
      // The worker heartbeats while a model answers (ActivityLiveness): a worker killed mid-report
      // is replaced after this, not after the five minutes a slow model may take.
      .setHeartbeatTimeout(Duration.ofSeconds(30))
      .setScheduleToCloseTimeout(Duration.ofMinutes(30))
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(5))
          .setBackoffCoefficient(2.0)
          .setMaximumInterval(Duration.ofMinutes(2))
          .setMaximumAttempts(6)
          .build())
      .setSummary("DR report")
      .build();

  private OperationReport() {}

  /** Writes the report; returns where it is and who wrote it, or null when it could not be written. */
  static ReportResult write(Plan plan, TimelineRecorder recorder) {
    ReportActivities report = Workflow.newActivityStub(ReportActivities.class, OPTIONS);
    try {
      ReportResult r = report.writeReport(new ReportInput(plan, recorder.timeline()));
      String location = r == null ? null : r.location();
      recorder.event(EventKind.REPORT_WRITTEN, null, r == null ? null : r.writtenBy(),
          location == null ? "report written, no location given" : "report written to " + location);
      return r;
    } catch (ActivityFailure f) {
      // EventKind has no REPORT_FAILED; a NOTIFICATION is what an operator reading the timeline needs.
      recorder.event(EventKind.NOTIFICATION, null, null, "the DR report could not be written: " + StepActions.describe(f));
      return null;
    }
  }
}
