package dev.continuity.activities;

import com.azure.core.util.Context;
import com.azure.resourcemanager.storage.fluent.StorageAccountsClient;
import com.azure.resourcemanager.storage.fluent.models.StorageAccountInner;
import com.azure.resourcemanager.storage.models.FailoverType;
import com.azure.resourcemanager.storage.models.GeoReplicationStats;
import com.azure.resourcemanager.storage.models.Sku;
import com.azure.resourcemanager.storage.models.SkuName;
import com.azure.resourcemanager.storage.models.StorageAccountExpand;
import com.azure.resourcemanager.storage.models.StorageAccountUpdateParameters;
import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.Facts;
import dev.continuity.model.actions.StorageActions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Storage account failover (planned or unplanned) and geo-replication state.
 *
 * <p>"Fail over" toggles, so the desired state is stated instead: the account's primary location is
 * the operation's target region. A second run finds it there and does nothing.
 */
public final class StorageActivities implements StorageActions {
  static final String ROLE = "Storage Account Contributor on the account";

  private final AzureClients clients;
  private final ResumableOperation operations;
  private final Clock clock;
  private final long pollMillis;

  public StorageActivities(AzureClients clients, ActivitiesConfig config) {
    this(clients, config, Clock.systemUTC());
  }

  StorageActivities(AzureClients clients, ActivitiesConfig config, Clock clock) {
    this.clients = clients;
    this.operations = new ResumableOperation(clients.pipeline(), config);
    this.clock = clock;
    this.pollMillis = Math.max(50, config.pollInterval().toMillis());
  }

  @Override
  public ActionResult failover(ActionRequest request) {
    ArmId id = ArmId.of(request);
    boolean planned = planned(request);
    String target = request.toRegion();
    if (target == null || target.isBlank()) {
      throw io.temporal.failure.ApplicationFailure.newNonRetryableFailure(
          "storage.failover (step " + request.stepId() + ") needs the operation's target region (toRegion)", "InvalidParameter");
    }
    StorageAccountsClient accounts = clients.storage(id.subscription()).serviceClient().getStorageAccounts();
    var pending = ResumableOperation.pending(request.action(), id.id());
    String before = null;
    if (pending.isPresent()) {
      operations.resume(pending.get(), ROLE);
    } else {
      StorageAccountInner account = get(accounts, id);
      before = account.primaryLocation();
      if (Regions.same(before, target)) {
        return ActionResult.unchanged("primary of " + id.name() + " already " + before);
      }
      if (Boolean.TRUE.equals(account.failoverInProgress())) {
        throw AzureCall.notConverged("a failover of " + id.name() + " is already in progress; waiting for it");
      }
      if (!Regions.same(account.secondaryLocation(), target)) {
        throw io.temporal.failure.ApplicationFailure.newNonRetryableFailure("cannot fail " + id.name() + " over to " + target
            + ": its secondary region is " + account.secondaryLocation(), "InvalidRequest");
      }
      GeoReplicationStats stats = account.geoReplicationStats();
      Boolean possible = stats == null ? null : planned ? stats.canPlannedFailover() : stats.canFailover();
      if (Boolean.FALSE.equals(possible)) {
        throw AzureCall.notConverged("Azure reports that " + id.name() + " cannot " + (planned ? "plan a " : "")
            + "fail over now (geo-replication status " + stats.status() + ")");
      }
      operations.start(request.action(), id.id(), ROLE, () -> accounts.failoverWithResponseAsync(
          id.resourceGroup(), id.name(), planned ? FailoverType.PLANNED : null));
    }
    String after = get(accounts, id).primaryLocation();
    if (!Regions.same(after, target)) {
      throw AzureCall.notConverged("primary of " + id.name() + " is " + after + ", not " + target + ", after the failover");
    }
    return ActionResult.changed((planned ? "planned" : "unplanned") + " failover of " + id.name() + ": primary "
        + (before == null ? "(resumed operation)" : before) + " -> " + after);
  }

  /**
   * Desired state: the SKU is geo-redundant and geo-replication is Live. The SKU change itself is
   * synchronous and safe to repeat; the first copy to the new secondary takes long, so the attempt
   * waits for it, heartbeating, and a retried attempt simply observes again.
   */
  @Override
  public ActionResult restoreGeoRedundancy(ActionRequest request) {
    ArmId id = ArmId.of(request);
    String sku = Params.optionalString(request, "sku");
    if (sku == null) sku = "Standard_RAGRS";
    if (!geoRedundant(sku)) throw Params.bad(request, "sku", "must be a geo-redundant SKU (GRS, RAGRS, GZRS, RAGZRS), got '" + sku + "'");
    StorageAccountsClient accounts = clients.storage(id.subscription()).serviceClient().getStorageAccounts();
    StorageAccountInner account = get(accounts, id);
    boolean changed = false;
    String before = account.sku() == null ? "unknown" : account.sku().name().toString();
    if (!geoRedundant(before)) {
      String wanted = sku;
      AzureCall.run(id.id(), ROLE, () -> accounts.updateWithResponse(id.resourceGroup(), id.name(),
          new StorageAccountUpdateParameters().withSku(new Sku().withName(SkuName.fromString(wanted))), Context.NONE));
      changed = true;
    }
    var ctx = io.temporal.activity.Activity.getExecutionContext();
    while (true) {
      account = get(accounts, id);
      GeoReplicationStats stats = account.geoReplicationStats();
      String status = stats == null || stats.status() == null ? "unknown" : stats.status().toString();
      if (!geoRedundant(account.sku().name().toString())) {
        throw AzureCall.notConverged(id.name() + " is still " + account.sku().name() + " after asking for " + sku);
      }
      if ("Live".equalsIgnoreCase(status)) {
        String what = id.name() + " geo-redundant (" + account.sku().name() + "), secondary " + account.secondaryLocation() + " live";
        return changed ? ActionResult.changed(what + "; was " + before) : ActionResult.unchanged(what);
      }
      ctx.heartbeat(status);
      try {
        Thread.sleep(pollMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw AzureCall.notConverged("interrupted while " + id.name() + " geo-replication was " + status);
      }
    }
  }

  private static boolean geoRedundant(String sku) {
    String s = sku.toUpperCase(Locale.ROOT);
    return s.contains("GRS") || s.contains("GZRS");
  }

  @Override
  public ActionResult readLastSync(ActionRequest request) {
    ArmId id = ArmId.of(request);
    StorageAccountsClient accounts = clients.storage(id.subscription()).serviceClient().getStorageAccounts();
    StorageAccountInner account = get(accounts, id);
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("primaryLocation", account.primaryLocation());
    facts.put("secondaryLocation", account.secondaryLocation());
    GeoReplicationStats stats = account.geoReplicationStats();
    if (stats == null || stats.lastSyncTime() == null) {
      return new ActionResult(false, id.name() + " reports no geo-replication last sync time (not geo-redundant?)", facts);
    }
    Instant lastSync = stats.lastSyncTime().toInstant();
    long loss = Math.max(0, Duration.between(lastSync, clock.instant()).toSeconds());
    facts.put(Facts.LAST_SYNC_TIME, lastSync.toString());
    facts.put(Facts.EXPECTED_DATA_LOSS_SECONDS, loss);
    facts.put("canFailover", stats.canFailover());
    facts.put("canPlannedFailover", stats.canPlannedFailover());
    facts.put("geoReplicationStatus", stats.status() == null ? null : stats.status().toString());
    return new ActionResult(false, id.name() + " last synced " + lastSync + " (" + loss + " s of writes at risk)", facts);
  }

  private static boolean planned(ActionRequest request) {
    String type = Params.optionalString(request, "type");
    if (type == null) return request.planned();
    return switch (type.toLowerCase(Locale.ROOT)) {
      case "planned" -> true;
      case "unplanned" -> false;
      default -> throw Params.bad(request, "type", "must be planned or unplanned, got '" + type + "'");
    };
  }

  private static StorageAccountInner get(StorageAccountsClient accounts, ArmId id) {
    return AzureCall.run(id.id(), ROLE, () -> accounts.getByResourceGroupWithResponse(
        id.resourceGroup(), id.name(), StorageAccountExpand.GEO_REPLICATION_STATS, Context.NONE).getValue());
  }
}
