package dev.continuity.activities.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.continuity.model.Json;

/**
 * What a model is asked: word the measured facts as a DR report of seven sections. The facts go
 * in as JSON and are the only input, so nothing outside them (configuration, keys, resource
 * settings) can reach a model.
 */
public record ReportPrompt(String system, String user) {

  public static ReportPrompt of(ReportFacts facts) {
    String system = """
        You write disaster-recovery reports for executives and engineers.
        Use ONLY the facts given as JSON. Never invent a number, time, name or count; when a fact is
        missing (-1 or null), say it is unknown. Copy durations in seconds exactly as given (for example
        "250 s"), copy times exactly as given (ISO-8601, UTC), and copy counts exactly.
        Answer in markdown with exactly these level-2 headings, in this order:
        """ + String.join("\n", ReportSections.ALL.stream().map(s -> "## " + s).toList()) + """

        Executive Summary: 2-3 sentences: what happened, the outcome, the measured RTO and data-loss window
        against the targets.
        Timeline of Events: the trigger, approvals (who, when, comment) and steps with their times and attempts.
        Current Service Status: each service (step target) and where it stands.
        Data Integrity Assessment: replication state (last sync time, expected data loss) per data service
        and the data-loss window against the RPO target.
        Impact Analysis: what users and data were affected, from the facts.
        Recommended Next Steps: concrete actions for the operators.
        Estimated Recovery Timeline: the planned critical path against the measured RTO and the target.
        """;
    try {
      String user = "Facts of the operation (JSON):\n```json\n"
          + Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(facts) + "\n```\n";
      return new ReportPrompt(system, user);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the report facts cannot be written as JSON: " + e.getMessage(), e);
    }
  }
}
