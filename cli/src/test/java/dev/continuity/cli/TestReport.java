package dev.continuity.cli;

import dev.continuity.model.report.ReportActivities;
import dev.continuity.model.report.ReportInput;
import dev.continuity.model.report.ReportResult;

/** Test double of the report activity (test sources only): writes nothing, says where it would. */
public class TestReport implements ReportActivities {
  @Override
  public ReportResult writeReport(ReportInput input) {
    return new ReportResult("memory:" + input.timeline().operationId, "test report of " + input.timeline().operationId, "template");
  }
}
