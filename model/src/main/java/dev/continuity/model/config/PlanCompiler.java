package dev.continuity.model.config;

import dev.continuity.model.plan.Mode;
import dev.continuity.model.plan.Plan;

/** Compiles inventory + runbook + mode into a frozen Plan. STUB: being written. */
public final class PlanCompiler {
  private PlanCompiler() {}

  /** Throws when the stamp is unknown or has no runbook steps for the mode. */
  public static Plan compile(Estate estate, String stamp, Mode mode) throws EstateException {
    throw new UnsupportedOperationException("not yet written");
  }
}
