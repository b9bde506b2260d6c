package dev.continuity.model.actions;

import dev.continuity.model.actions.ActionDoc.Param;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Azure SQL failover groups. */
@ActivityInterface
public interface SqlActions {

  @ActivityMethod(name = "sql.failoverGroup")
  @ActionDoc(target = "sqlServer", summary = "Make the partner server of a failover group primary (forced when allowDataLoss).",
      permissions = {
        "Microsoft.Sql/servers/failoverGroups/read",
        "Microsoft.Sql/servers/failoverGroups/failover/action",
        "Microsoft.Sql/servers/failoverGroups/forceFailoverAllowDataLoss/action",
        "Microsoft.Sql/locations/failoverGroupAzureAsyncOperation/read",
        "Microsoft.Sql/locations/failoverGroupOperationResults/read"},
      expectedSeconds = 60, longRunning = true,
      params = {
        @Param(name = "failoverGroup", doc = "failover group name"),
        @Param(name = "allowDataLoss", doc = "true forces the failover (unplanned); default: not planned", required = false)
      })
  ActionResult failoverGroup(ActionRequest request);
}
