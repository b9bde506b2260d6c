package dev.continuity.model.timeline;

import dev.continuity.model.operation.Outcome;
import dev.continuity.model.plan.Mode;
import java.util.ArrayList;
import java.util.List;

/**
 * The record of one operation: every step with its attempts and decisions, and every event with
 * who caused it. Returned by the operation's query and handed to the report.
 */
public class Timeline {
  public String operationId;
  public String stamp;
  public Mode mode;
  public String fromRegion;
  public String toRegion;
  public String severity;
  public boolean planned;
  public String reason;
  public String requestedBy;
  public long triggeredAtMillis;
  public long startedAtMillis;
  public long endedAtMillis;
  /** "running", "awaiting-approval", "awaiting-decision", "reporting", "succeeded", "failed", "aborted". */
  public String phase;
  public Outcome outcome;
  public List<StepRecord> steps = new ArrayList<>();
  public List<TimelineEvent> events = new ArrayList<>();

  public StepRecord step(String id) {
    for (StepRecord s : steps) if (s.id.equals(id)) return s;
    return null;
  }
}
