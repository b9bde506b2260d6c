package dev.continuity.model.actions;

import dev.continuity.model.actions.ActionDoc.Param;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Traffic Manager: which endpoint receives traffic. */
@ActivityInterface
public interface TrafficManagerActions {

  @ActivityMethod(name = "trafficManager.setEndpointPriority")
  @ActionDoc(target = "trafficManager", movesTraffic = true, summary = "Set an endpoint's priority (1 = receives traffic under priority routing).",
      expectedSeconds = 10,
      params = {
        @Param(name = "endpoint", doc = "endpoint name in the profile"),
        @Param(name = "priority", doc = "the desired priority, 1..1000"),
        @Param(name = "endpointType", doc = "azureEndpoints | externalEndpoints | nestedEndpoints (default azureEndpoints)", required = false)
      })
  ActionResult setEndpointPriority(ActionRequest request);

  @ActivityMethod(name = "trafficManager.setEndpointStatus")
  @ActionDoc(target = "trafficManager", movesTraffic = true, summary = "Enable or disable an endpoint.", expectedSeconds = 10,
      params = {
        @Param(name = "endpoint", doc = "endpoint name in the profile"),
        @Param(name = "enabled", doc = "true or false"),
        @Param(name = "endpointType", doc = "azureEndpoints | externalEndpoints | nestedEndpoints (default azureEndpoints)", required = false)
      })
  ActionResult setEndpointStatus(ActionRequest request);
}
