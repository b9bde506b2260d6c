package dev.continuity.model.actions;

import dev.continuity.model.actions.ActionDoc.Param;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Azure Database for PostgreSQL flexible server read replicas. */
@ActivityInterface
public interface PostgresActions {

  @ActivityMethod(name = "postgres.promoteReplica")
  @ActionDoc(target = "postgresFlexibleServer", summary = "Promote the target read replica so it takes writes: "
      + "a switchover (the old primary becomes its replica, reversible) or a standalone server (replication ends). "
      + "Planned waits for the replica to catch up and needs the primary; forced does not, and loses the writes "
      + "the replica had not received.", expectedSeconds = 180, longRunning = true,
      permissions = {
        "Microsoft.DBforPostgreSQL/flexibleServers/read",
        "Microsoft.DBforPostgreSQL/flexibleServers/write",
        "Microsoft.DBforPostgreSQL/locations/azureAsyncOperation/read",
        "Microsoft.DBforPostgreSQL/locations/operationResults/read"},
      params = {
        @Param(name = "mode", doc = "switchover | standalone (default switchover)", required = false),
        @Param(name = "option", doc = "planned | forced (default: planned for a planned operation, forced otherwise)",
            required = false)
      })
  ActionResult promoteReplica(ActionRequest request);

  @ActivityMethod(name = "postgres.readReplicationLag")
  @ActionDoc(target = "postgresFlexibleServer", summary = "Read the target replica's role, replication state and "
      + "replication lag (expected data loss of a forced promotion).", expectedSeconds = 2,
      permissions = {
        "Microsoft.DBforPostgreSQL/flexibleServers/read",
        "Microsoft.Insights/metrics/read"})
  ActionResult readReplicationLag(ActionRequest request);
}
