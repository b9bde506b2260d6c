package dev.continuity.model.actions;

import dev.continuity.model.actions.ActionDoc.Param;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Cosmos DB: write region, regions online/offline, replication state. */
@ActivityInterface
public interface CosmosDbActions {

  @ActivityMethod(name = "cosmos.setWriteRegion")
  @ActionDoc(target = "cosmosDb", summary = "Make a region the write region (failover priority 0), keeping the others in order.",
      permissions = {
        "Microsoft.DocumentDB/databaseAccounts/read",
        "Microsoft.DocumentDB/locations/operationsStatus/read",
        "Microsoft.DocumentDB/databaseAccounts/failoverPriorityChange/action"},
      expectedSeconds = 180, longRunning = true,
      params = {@Param(name = "region", doc = "the region that takes writes")})
  ActionResult setWriteRegion(ActionRequest request);

  @ActivityMethod(name = "cosmos.setRegionOffline")
  @ActionDoc(target = "cosmosDb", summary = "Take a region offline for the account (forced failover away from it).",
      permissions = {
        "Microsoft.DocumentDB/databaseAccounts/read",
        "Microsoft.DocumentDB/locations/operationsStatus/read",
        "Microsoft.DocumentDB/databaseAccounts/offlineRegion/action"},
      expectedSeconds = 300, longRunning = true,
      params = {@Param(name = "region", doc = "the region to take offline")})
  ActionResult setRegionOffline(ActionRequest request);

  @ActivityMethod(name = "cosmos.setRegionOnline")
  @ActionDoc(target = "cosmosDb", summary = "Bring a region back online for the account.", expectedSeconds = 300, longRunning = true,
      permissions = {
        "Microsoft.DocumentDB/databaseAccounts/read",
        "Microsoft.DocumentDB/locations/operationsStatus/read",
        "Microsoft.DocumentDB/databaseAccounts/onlineRegion/action"},
      params = {@Param(name = "region", doc = "the region to bring online")})
  ActionResult setRegionOnline(ActionRequest request);

  @ActivityMethod(name = "cosmos.readReplication")
  @ActionDoc(target = "cosmosDb", summary = "Read write/read regions and the replication lag (expected data loss).", expectedSeconds = 2,
      permissions = {
        "Microsoft.DocumentDB/databaseAccounts/read",
        "Microsoft.Insights/metrics/read"})
  ActionResult readReplication(ActionRequest request);
}
