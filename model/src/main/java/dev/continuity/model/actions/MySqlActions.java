package dev.continuity.model.actions;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Azure Database for MySQL flexible server replicas. */
@ActivityInterface
public interface MySqlActions {

  @ActivityMethod(name = "mysql.stopReplication")
  @ActionDoc(target = "mysqlFlexibleServer", summary = "Stop replication on the target replica, which becomes a "
      + "standalone read-write server (cannot be undone: a new replica is created for failback).",
      permissions = {
        "Microsoft.DBforMySQL/flexibleServers/read",
        "Microsoft.DBforMySQL/flexibleServers/write",
        "Microsoft.DBforMySQL/locations/azureAsyncOperation/read",
        "Microsoft.DBforMySQL/locations/operationResults/read"},
      expectedSeconds = 120, longRunning = true)
  ActionResult stopReplication(ActionRequest request);

  @ActivityMethod(name = "mysql.readReplicationState")
  @ActionDoc(target = "mysqlFlexibleServer", summary = "Read the target server's replication role, its source and "
      + "the replication lag (expected data loss of stopping replication now).", expectedSeconds = 2,
      permissions = {
        "Microsoft.DBforMySQL/flexibleServers/read",
        "Microsoft.Insights/metrics/read"})
  ActionResult readReplicationState(ActionRequest request);
}
