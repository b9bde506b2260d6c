package dev.continuity.model.actions;

import dev.continuity.model.actions.ActionDoc.Param;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Azure Monitor alert rules. */
@ActivityInterface
public interface MonitorActions {

  @ActivityMethod(name = "monitor.setAlertRuleEnabled")
  @ActionDoc(target = "alertRule", summary = "Enable or disable a metric alert rule.", expectedSeconds = 5,
      permissions = {
        "Microsoft.Insights/metricAlerts/read",
        "Microsoft.Insights/metricAlerts/write"},
      params = {@Param(name = "enabled", doc = "true or false")})
  ActionResult setAlertRuleEnabled(ActionRequest request);
}
