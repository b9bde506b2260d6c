package dev.continuity.activities;

import com.azure.core.util.Context;
import com.azure.resourcemanager.network.fluent.ApplicationGatewaysClient;
import com.azure.resourcemanager.network.fluent.models.ApplicationGatewayInner;
import com.azure.resourcemanager.network.fluent.models.WebApplicationFirewallPolicyInner;
import com.azure.resourcemanager.network.models.ApplicationGatewayOperationalState;
import com.azure.resourcemanager.network.models.ApplicationGatewayWebApplicationFirewallConfiguration;
import com.azure.resourcemanager.network.models.WebApplicationFirewallEnabledState;
import com.azure.resourcemanager.network.models.WebApplicationFirewallMode;
import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.ApplicationGatewayActions;
import io.temporal.failure.ApplicationFailure;
import java.util.LinkedHashMap;
import java.util.Map;

/** Application Gateway: the gateway's power state and the WAF protecting it. */
public final class ApplicationGatewayActivities implements ApplicationGatewayActions {
  static final String ROLE = "Network Contributor on the application gateway (and Reader on its WAF policy)";
  static final String WAF_NOT_PREVENTING = "WafNotInPrevention";

  private final AzureClients clients;
  private final ResumableOperation operations;

  public ApplicationGatewayActivities(AzureClients clients, ActivitiesConfig config) {
    this.clients = clients;
    this.operations = new ResumableOperation(clients.pipeline(), config);
  }

  @Override
  public ActionResult start(ActionRequest request) {
    return setRunning(request, ApplicationGatewayOperationalState.RUNNING);
  }

  @Override
  public ActionResult stop(ActionRequest request) {
    return setRunning(request, ApplicationGatewayOperationalState.STOPPED);
  }

  private ActionResult setRunning(ActionRequest request, ApplicationGatewayOperationalState desired) {
    ArmId id = ArmId.of(request);
    ApplicationGatewaysClient gateways = clients.network(id.subscription()).serviceClient().getApplicationGateways();
    var pending = ResumableOperation.pending(request.action(), id.id());
    if (pending.isPresent()) {
      operations.resume(pending.get(), ROLE);
    } else {
      ApplicationGatewayOperationalState now = get(gateways, id).operationalState();
      if (desired.equals(now)) return ActionResult.unchanged("gateway " + id.name() + " already " + desired);
      operations.start(request.action(), id.id(), ROLE, () -> desired.equals(ApplicationGatewayOperationalState.RUNNING)
          ? gateways.startWithResponseAsync(id.resourceGroup(), id.name())
          : gateways.stopWithResponseAsync(id.resourceGroup(), id.name()));
    }
    ApplicationGatewayOperationalState after = get(gateways, id).operationalState();
    if (!desired.equals(after)) {
      throw AzureCall.notConverged("gateway " + id.name() + " is " + after + ", not " + desired + ", after the operation");
    }
    return ActionResult.changed("gateway " + id.name() + " now " + desired);
  }

  @Override
  public ActionResult checkWafPrevention(ActionRequest request) {
    ArmId id = ArmId.of(request);
    ApplicationGatewayInner gateway = get(clients.network(id.subscription()).serviceClient().getApplicationGateways(), id);
    Map<String, Object> facts = new LinkedHashMap<>();
    String mode;
    boolean enabled;
    if (gateway.firewallPolicy() != null && gateway.firewallPolicy().id() != null) {
      ArmId policyId = ArmId.parse(gateway.firewallPolicy().id());
      WebApplicationFirewallPolicyInner policy = AzureCall.run(policyId.id(), ROLE, () -> clients.network(policyId.subscription())
          .serviceClient().getWebApplicationFirewallPolicies()
          .getByResourceGroupWithResponse(policyId.resourceGroup(), policyId.name(), Context.NONE).getValue());
      facts.put("wafPolicy", policyId.name());
      mode = policy.policySettings() == null || policy.policySettings().mode() == null ? null : policy.policySettings().mode().toString();
      enabled = policy.policySettings() != null && WebApplicationFirewallEnabledState.ENABLED.equals(policy.policySettings().state());
    } else {
      // Gateways from before WAF policies carry an inline WAF configuration.
      ApplicationGatewayWebApplicationFirewallConfiguration inline = gateway.webApplicationFirewallConfiguration();
      if (inline == null) throw refused(id.name() + " has no WAF policy attached and no WAF configuration");
      mode = inline.firewallMode() == null ? null : inline.firewallMode().toString();
      enabled = Boolean.TRUE.equals(inline.enabled());
    }
    facts.put("mode", mode);
    facts.put("enabled", enabled);
    if (!enabled || !WebApplicationFirewallMode.PREVENTION.toString().equalsIgnoreCase(mode)) {
      throw refused("the WAF of gateway " + id.name() + " is " + (enabled ? "enabled" : "disabled") + " in " + mode
          + " mode, not enabled in Prevention mode");
    }
    return new ActionResult(false, "the WAF of gateway " + id.name() + " is enabled in Prevention mode", facts);
  }

  private static ApplicationFailure refused(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, WAF_NOT_PREVENTING);
  }

  private static ApplicationGatewayInner get(ApplicationGatewaysClient gateways, ArmId id) {
    return AzureCall.run(id.id(), ROLE,
        () -> gateways.getByResourceGroupWithResponse(id.resourceGroup(), id.name(), Context.NONE).getValue());
  }
}
