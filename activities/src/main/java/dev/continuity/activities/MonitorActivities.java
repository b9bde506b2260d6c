package dev.continuity.activities;

import com.azure.core.util.Context;
import com.azure.resourcemanager.monitor.fluent.MetricAlertsClient;
import com.azure.resourcemanager.monitor.fluent.models.MetricAlertResourceInner;
import com.azure.resourcemanager.monitor.models.MetricAlertResourcePatch;
import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.MonitorActions;

/** Metric alert rules: muted during a failover so the expected noise does not page anyone. */
public final class MonitorActivities implements MonitorActions {
  static final String ROLE = "Monitoring Contributor on the alert rule";

  private final AzureClients clients;

  public MonitorActivities(AzureClients clients) {
    this.clients = clients;
  }

  @Override
  public ActionResult setAlertRuleEnabled(ActionRequest request) {
    ArmId id = ArmId.of(request);
    boolean enabled = Params.bool(request, "enabled");
    MetricAlertsClient alerts = clients.monitor(id.subscription()).serviceClient().getMetricAlerts();
    MetricAlertResourceInner current = get(alerts, id);
    if (current.enabled() == enabled) {
      return ActionResult.unchanged("alert rule " + id.name() + " already " + (enabled ? "enabled" : "disabled"));
    }
    AzureCall.run(id.id(), ROLE, () -> alerts.updateWithResponse(id.resourceGroup(), id.name(),
        new MetricAlertResourcePatch().withEnabled(enabled), Context.NONE));
    if (get(alerts, id).enabled() != enabled) {
      throw AzureCall.notConverged("alert rule " + id.name() + " did not become " + (enabled ? "enabled" : "disabled"));
    }
    return ActionResult.changed("alert rule " + id.name() + " " + (enabled ? "enabled" : "disabled"));
  }

  private static MetricAlertResourceInner get(MetricAlertsClient alerts, ArmId id) {
    return AzureCall.run(id.id(), ROLE,
        () -> alerts.getByResourceGroupWithResponse(id.resourceGroup(), id.name(), Context.NONE).getValue());
  }
}
