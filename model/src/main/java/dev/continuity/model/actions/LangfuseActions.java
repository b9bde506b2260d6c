package dev.continuity.model.actions;

import dev.continuity.model.actions.ActionDoc.Param;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The telemetry plane of LLM applications: Langfuse, which records their traces. Losing it loses
 * traces, not service, so its check degrades and records instead of stopping a recovery.
 */
@ActivityInterface
public interface LangfuseActions {

  @ActivityMethod(name = "langfuse.checkHealth")
  @ActionDoc(target = "healthProbe", summary = "Read Langfuse's health endpoint (/api/public/health) for a region. "
      + "Reports telemetryHealthy; an unreachable or unhealthy Langfuse is recorded as degraded tracing and the step "
      + "succeeds, unless required is true.", expectedSeconds = 5,
      params = {
        @Param(name = "region", doc = "the region whose Langfuse URL (the probe's properties.endpoints) is read"),
        @Param(name = "required", doc = "true: fail (and retry) while Langfuse is unhealthy (default false)", required = false)
      })
  ActionResult checkHealth(ActionRequest request);
}
