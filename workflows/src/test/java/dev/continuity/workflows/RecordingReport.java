package dev.continuity.workflows;

import dev.continuity.model.report.ReportActivities;
import dev.continuity.model.report.ReportInput;
import dev.continuity.model.report.ReportResult;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;

/** Test double of the report activity: records what it was given and when, or fails when told to. */
public class RecordingReport implements ReportActivities {
  public record Written(ReportInput input, long atMillis) {}

  private final List<Written> written = new ArrayList<>();
  private volatile boolean failing;

  public RecordingReport failing(boolean value) {
    failing = value;
    return this;
  }

  public synchronized List<Written> written() {
    return List.copyOf(written);
  }

  @Override
  public ReportResult writeReport(ReportInput input) {
    if (failing) throw ApplicationFailure.newFailure("model endpoint unavailable and template disabled", "ReportFailure");
    synchronized (this) {
      written.add(new Written(input, System.currentTimeMillis()));
    }
    return new ReportResult("reports/" + input.timeline().operationId + ".md", input.timeline().outcome + "", "test-double");
  }
}
