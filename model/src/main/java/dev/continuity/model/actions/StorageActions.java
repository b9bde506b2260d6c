package dev.continuity.model.actions;

import dev.continuity.model.actions.ActionDoc.Param;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Storage accounts (RA-GRS/GZRS): account failover and geo-replication state. */
@ActivityInterface
public interface StorageActions {

  @ActivityMethod(name = "storage.failover")
  @ActionDoc(target = "storageAccount", summary = "Fail the account over to its secondary region (planned when the operation is planned).",
      permissions = {
        "Microsoft.Storage/storageAccounts/read",
        "Microsoft.Storage/storageAccounts/failover/action"},
      expectedSeconds = 900, longRunning = true,
      params = {@Param(name = "type", doc = "planned | unplanned (default: from the operation)", required = false)})
  ActionResult failover(ActionRequest request);

  @ActivityMethod(name = "storage.restoreGeoRedundancy")
  @ActionDoc(target = "storageAccount", summary = "Make the account geo-redundant again (an unplanned failover leaves it locally "
      + "redundant) and wait until its new secondary has its first copy (geo-replication Live), so a planned failback is possible.",
      permissions = {
        "Microsoft.Storage/storageAccounts/read",
        "Microsoft.Storage/storageAccounts/write"},
      expectedSeconds = 1800, longRunning = true,
      params = {@Param(name = "sku", doc = "the geo-redundant SKU to restore (default Standard_RAGRS)", required = false)})
  ActionResult restoreGeoRedundancy(ActionRequest request);

  @ActivityMethod(name = "storage.readLastSync")
  @ActionDoc(target = "storageAccount", summary = "Read the geo-replication last sync time and whether failover is possible.", expectedSeconds = 2,
      permissions = {
        "Microsoft.Storage/storageAccounts/read"})
  ActionResult readLastSync(ActionRequest request);
}
