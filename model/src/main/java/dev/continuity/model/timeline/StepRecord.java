package dev.continuity.model.timeline;

import java.util.LinkedHashMap;
import java.util.Map;

/** Everything that happened to one step. Mutable: the workflow updates it as the step runs. */
public class StepRecord {
  public String id;
  public String phase;
  public String action;
  public String target;
  public StepState state = StepState.PENDING;
  /** Activity attempts made, over all operator retries. */
  public int attempts;
  public long startedAtMillis;
  public long endedAtMillis;
  /** The last error, when the step failed or is waiting for a decision. */
  public String error;
  /** The action's own account of what it did ("priority already 1", "set write region to westus2"). */
  public String message;
  /** Whether the action changed anything (false when the estate already was as desired). */
  public Boolean changed;
  /** Facts the action measured (replication lag, last sync time, ...), for the report. */
  public Map<String, Object> facts = new LinkedHashMap<>();
  /** The last approval or operator decision on this step, in words ("approved by alice"). */
  public String decision;

  public StepRecord() {}

  public StepRecord(String id, String phase, String action, String target) {
    this.id = id;
    this.phase = phase;
    this.action = action;
    this.target = target;
  }
}
