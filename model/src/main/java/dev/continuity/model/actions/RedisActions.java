package dev.continuity.model.actions;

import dev.continuity.model.actions.ActionDoc.Param;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Azure Cache for Redis geo-replication. */
@ActivityInterface
public interface RedisActions {

  @ActivityMethod(name = "redis.removeGeoReplicationLink")
  @ActionDoc(target = "redis", summary = "Unlink the target (geo-primary) cache's geo-replica, working from the replica's side "
      + "(up when the primary's region is down), so the replica accepts writes.", expectedSeconds = 300, longRunning = true,
      permissions = {
        "Microsoft.Cache/redis/linkedServers/read",
        "Microsoft.Cache/redis/linkedServers/delete",
        "Microsoft.Cache/locations/asyncOperations/read",
        "Microsoft.Cache/locations/operationResults/read"},
      params = {
        @Param(name = "linkedServer", doc = "name of the geo-replica cache (default: the target's properties.linkedServer)",
            required = false),
        @Param(name = "linkedServerId", doc = "resource ID of the geo-replica, where the link is removed (default: same resource group)",
            required = false)
      })
  ActionResult removeGeoReplicationLink(ActionRequest request);

  @ActivityMethod(name = "redis.restoreGeoReplicationLink")
  @ActionDoc(target = "redis", summary = "Link a secondary cache back as geo-replica.", expectedSeconds = 600, longRunning = true,
      permissions = {
        "Microsoft.Cache/redis/linkedServers/read",
        "Microsoft.Cache/redis/linkedServers/write",
        "Microsoft.Cache/locations/asyncOperations/read",
        "Microsoft.Cache/locations/operationResults/read"},
      params = {
        @Param(name = "linkedServer", doc = "name of the cache to link"),
        @Param(name = "linkedServerId", doc = "resource ID of the cache to link"),
        @Param(name = "linkedServerLocation", doc = "region of the cache to link")
      })
  ActionResult restoreGeoReplicationLink(ActionRequest request);
}
