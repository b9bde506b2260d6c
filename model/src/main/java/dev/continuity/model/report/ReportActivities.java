package dev.continuity.model.report;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The last activity of every operation: writes the DR report. */
@ActivityInterface
public interface ReportActivities {
  @ActivityMethod(name = "report.write")
  ReportResult writeReport(ReportInput input);
}
