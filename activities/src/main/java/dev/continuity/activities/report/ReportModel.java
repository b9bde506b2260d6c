package dev.continuity.activities.report;

/** A language model that answers a report prompt with markdown. */
public interface ReportModel {
  /** @throws ModelCallFailure when the endpoint does not answer */
  String complete(ReportPrompt prompt);
}
