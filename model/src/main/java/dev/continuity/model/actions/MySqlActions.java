package dev.continuity.model.actions;

import dev.continuity.model.actions.ActionDoc.Param;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Azure Database for MySQL flexible server replicas. */
@ActivityInterface
public interface MySqlActions {

  @ActivityMethod(name = "mysql.stopReplication")
  @ActionDoc(target = "mysqlFlexibleServer", summary = "Stop replication on the target replica, which becomes a "
      + "standalone read-write server (cannot be undone: a new replica is created for failback).",
      expectedSeconds = 120, longRunning = true)
  ActionResult stopReplication(ActionRequest request);

  @ActivityMethod(name = "mysql.readReplicationState")
  @ActionDoc(target = "mysqlFlexibleServer", summary = "Read the target server's replication role, its source and "
      + "the replication lag (expected data loss of stopping replication now); with expectRole, also check that the "
      + "server is Ready in that role (for example None: it takes writes) and retry until it is.", expectedSeconds = 2,
      params = @Param(name = "expectRole", doc = "the replication role the server must have (None, Source, Replica)",
          required = false))
  ActionResult readReplicationState(ActionRequest request);

  @ActivityMethod(name = "mysql.createReplica")
  @ActionDoc(target = "mysqlFlexibleServer", summary = "Create the target server as a read replica of a source server "
      + "(PUT with createMode Replica, in the target's region); a replica of that source already there is left alone, "
      + "any other server of that name is refused.", expectedSeconds = 900, longRunning = true,
      params = @Param(name = "source", doc = "the source server: name (same resource group) or ARM ID "
          + "(default: the target's properties.sourceServer)", required = false))
  ActionResult createReplica(ActionRequest request);

  @ActivityMethod(name = "mysql.deleteServer")
  @ActionDoc(target = "mysqlFlexibleServer", summary = "Delete the target server, once its data lives on in another server "
      + "that takes writes: refused while the target is a replica, has replicas, or the other server is missing or a "
      + "replica. An absent target is left alone.", expectedSeconds = 300, longRunning = true,
      params = @Param(name = "replacedBy", doc = "name (same resource group) or ARM ID of the server that holds the data now"))
  ActionResult deleteServer(ActionRequest request);
}
