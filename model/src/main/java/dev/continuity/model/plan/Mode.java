package dev.continuity.model.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The kind of operation a runbook step belongs to, and a plan is compiled for. */
public enum Mode {
  /** Move the stamp from its primary region to its secondary. */
  FAILOVER,
  /** Move the stamp back from its secondary region to its primary. */
  FAILBACK,
  /** A planned failover, its validation steps and the failback, with one report. */
  DRILL;

  @JsonValue
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses "failover", "FAILBACK", ...; returns null when the text names no mode. */
  @JsonCreator
  public static Mode parse(String text) {
    if (text == null) return null;
    for (Mode m : values()) if (m.name().equalsIgnoreCase(text.trim())) return m;
    return null;
  }
}
