package dev.continuity.model.config;

import dev.continuity.model.plan.Plan;

/** Renders a plan for people: levels, steps, gates and the critical path. STUB: being written. */
public final class PlanText {
  private PlanText() {}

  public static String render(Plan plan) {
    throw new UnsupportedOperationException("not yet written");
  }
}
