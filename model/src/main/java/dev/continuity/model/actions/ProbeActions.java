package dev.continuity.model.actions;

import dev.continuity.model.actions.ActionDoc.Param;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** HTTP health probes from several vantage points. */
@ActivityInterface
public interface ProbeActions {

  @ActivityMethod(name = "probe.regionDown")
  @ActionDoc(target = "healthProbe", summary = "Confirm an outage: a quorum of vantage points sees the region's endpoints fail N times in a row. Reports outageConfirmed.",
      grants = {
        "none in Azure: HTTP GETs of the health URLs, directly or through the probe relays"},
      expectedSeconds = 30,
      params = {
        @Param(name = "region", doc = "the region whose endpoints are probed"),
        @Param(name = "consecutiveFailures", doc = "failures in a row that count as down (default 3)", required = false),
        @Param(name = "quorum", doc = "vantage points that must agree (default: a majority)", required = false)
      })
  ActionResult regionDown(ActionRequest request);

  @ActivityMethod(name = "probe.httpHealth")
  @ActionDoc(target = "healthProbe", summary = "Check that a region's endpoints answer as expected (status, body) from a quorum of vantage points.",
      grants = {
        "none in Azure: HTTP GETs of the health URLs, directly or through the probe relays"},
      expectedSeconds = 15,
      params = {
        @Param(name = "region", doc = "the region whose endpoints are probed"),
        @Param(name = "expectStatus", doc = "expected HTTP status (default 200)", required = false),
        @Param(name = "expectBody", doc = "text the body must contain (e.g. a degraded-mode marker)", required = false)
      })
  ActionResult httpHealth(ActionRequest request);
}
