package dev.continuity.model.actions;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Azure Application Gateway: the secondary region's gateway and its web application firewall. */
@ActivityInterface
public interface ApplicationGatewayActions {

  @ActivityMethod(name = "appGateway.start")
  @ActionDoc(target = "applicationGateway", summary = "Start the target application gateway.", expectedSeconds = 600,
      permissions = {
        "Microsoft.Network/applicationGateways/read",
        "Microsoft.Network/applicationGateways/start/action",
        "Microsoft.Network/locations/operations/read",
        "Microsoft.Network/locations/operationResults/read"},
      longRunning = true)
  ActionResult start(ActionRequest request);

  @ActivityMethod(name = "appGateway.stop")
  @ActionDoc(target = "applicationGateway", summary = "Stop the target application gateway.", expectedSeconds = 300,
      permissions = {
        "Microsoft.Network/applicationGateways/read",
        "Microsoft.Network/applicationGateways/stop/action",
        "Microsoft.Network/locations/operations/read",
        "Microsoft.Network/locations/operationResults/read"},
      longRunning = true)
  ActionResult stop(ActionRequest request);

  @ActivityMethod(name = "appGateway.checkWafPrevention")
  @ActionDoc(target = "applicationGateway", summary = "Check that a WAF policy is attached to the target gateway, enabled "
      + "and in Prevention mode; fails for good otherwise (traffic must not move onto an unprotected gateway).",
      permissions = {
        "Microsoft.Network/applicationGateways/read",
        "Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/read"},
      expectedSeconds = 2)
  ActionResult checkWafPrevention(ActionRequest request);
}
