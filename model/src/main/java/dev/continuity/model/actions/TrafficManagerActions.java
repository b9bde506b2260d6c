package dev.continuity.model.actions;

import dev.continuity.model.actions.ActionDoc.Param;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Traffic Manager: which endpoint receives traffic. */
@ActivityInterface
public interface TrafficManagerActions {

  @ActivityMethod(name = "trafficManager.setEndpointPriority")
  @ActionDoc(target = "trafficManager", movesTraffic = true, summary = "Set an endpoint's priority (1 = receives traffic under priority routing).",
      permissions = {
        "Microsoft.Network/trafficManagerProfiles/read",
        "Microsoft.Network/trafficManagerProfiles/azureEndpoints/read",
        "Microsoft.Network/trafficManagerProfiles/azureEndpoints/write",
        "Microsoft.Network/trafficManagerProfiles/externalEndpoints/read",
        "Microsoft.Network/trafficManagerProfiles/externalEndpoints/write",
        "Microsoft.Network/trafficManagerProfiles/nestedEndpoints/read",
        "Microsoft.Network/trafficManagerProfiles/nestedEndpoints/write"},
      expectedSeconds = 10,
      params = {
        @Param(name = "endpoint", doc = "endpoint name in the profile"),
        @Param(name = "priority", doc = "the desired priority, 1..1000"),
        @Param(name = "endpointType", doc = "azureEndpoints | externalEndpoints | nestedEndpoints (default azureEndpoints)", required = false)
      })
  ActionResult setEndpointPriority(ActionRequest request);

  @ActivityMethod(name = "trafficManager.setEndpointStatus")
  @ActionDoc(target = "trafficManager", movesTraffic = true, summary = "Enable or disable an endpoint.", expectedSeconds = 10,
      permissions = {
        "Microsoft.Network/trafficManagerProfiles/azureEndpoints/read",
        "Microsoft.Network/trafficManagerProfiles/azureEndpoints/write",
        "Microsoft.Network/trafficManagerProfiles/externalEndpoints/read",
        "Microsoft.Network/trafficManagerProfiles/externalEndpoints/write",
        "Microsoft.Network/trafficManagerProfiles/nestedEndpoints/read",
        "Microsoft.Network/trafficManagerProfiles/nestedEndpoints/write"},
      params = {
        @Param(name = "endpoint", doc = "endpoint name in the profile"),
        @Param(name = "enabled", doc = "true or false"),
        @Param(name = "endpointType", doc = "azureEndpoints | externalEndpoints | nestedEndpoints (default azureEndpoints)", required = false)
      })
  ActionResult setEndpointStatus(ActionRequest request);
}
