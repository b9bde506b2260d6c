package dev.continuity.model.operation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What an operator decides for a step whose retries are spent. */
public enum StepDecision {
  /** Run the step's action again, with a fresh retry budget. */
  RETRY,
  /** Mark the step skipped and go on; steps that depend on it run. */
  SKIP,
  /** Stop the operation: no further step starts. */
  ABORT;

  @JsonValue
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static StepDecision parse(String text) {
    if (text == null) return null;
    for (StepDecision d : values()) if (d.name().equalsIgnoreCase(text.trim())) return d;
    return null;
  }
}
