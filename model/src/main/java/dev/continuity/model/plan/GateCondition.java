package dev.continuity.model.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** When an approval gate actually waits for a human. */
public enum GateCondition {
  /** Always wait. */
  ALWAYS("always"),
  /**
   * Wait when the stamp's severity policy says the operation's severity needs approval, or when a
   * probe step reported that the outage is not confirmed by a quorum of vantage points.
   */
  POLICY("policy"),
  /** Wait when a step reported an expected data loss larger than the stamp's RPO target. */
  DATA_LOSS("dataLoss");

  private final String text;

  GateCondition(String text) {
    this.text = text;
  }

  @JsonValue
  public String text() {
    return text;
  }

  @JsonCreator
  public static GateCondition parse(String text) {
    if (text == null) return null;
    for (GateCondition c : values()) if (c.text.equalsIgnoreCase(text.trim())) return c;
    return null;
  }
}
