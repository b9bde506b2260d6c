package dev.continuity.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuity.emulator.LongRunningOperations.Headers;
import dev.continuity.emulator.LongRunningOperations.Result;
import dev.continuity.emulator.LongRunningOperations.Start;
import java.time.Instant;
import java.util.List;

/**
 * Storage accounts (Microsoft.Storage/storageAccounts) with geo-redundancy. Customer-initiated
 * failover is designed for a lost primary, so the account's control plane answers while the primary
 * region is down; a planned failover needs both regions, an unplanned one only the secondary.
 */
final class StorageService implements ArmService {
  /** Azure's docs: an unplanned account failover typically takes about 15 minutes to an hour. */
  static final double UNPLANNED_SECONDS = 900;
  /** A planned failover syncs first, then swaps: a bit longer. */
  static final double PLANNED_SECONDS = 1200;
  /** The first geo-copy after re-enabling geo-redundancy; hours in Azure for large accounts, 30 min here. */
  static final double GEO_BOOTSTRAP_SECONDS = 1800;
  private final Estate estate;

  StorageService(Estate estate) {
    this.estate = estate;
    estate.operations.register("storage.failover", op -> {
      ObjectNode acct = estate.get(op.resourceId);
      ObjectNode p = Docs.props(acct);
      boolean planned = op.params.path("planned").asBoolean();
      String primary = Docs.text(p, "primaryLocation");
      String secondary = Docs.text(p, "secondaryLocation");
      String before = summary(acct);
      Double loss = null;
      if (planned) {
        if (estate.regions.isDown(primary)) {
          throw ArmException.conflict("PlannedFailoverFailed", "The primary region '" + primary
              + "' became unavailable during the planned failover; no change was made. Use an unplanned failover.");
        }
        p.put("primaryLocation", secondary);
        p.put("secondaryLocation", primary);
      } else {
        loss = estate.replication.dataLossSeconds(op.resourceId, primary);
        p.put("primaryLocation", secondary);
        p.remove("secondaryLocation");
        p.remove("statusOfSecondary");
        p.remove("secondaryEndpoints");
        // After an unplanned failover the account is locally redundant in the new primary region.
        Docs.obj(acct, "sku").put("name", "Standard_LRS");
      }
      acct.put("location", secondary);
      p.put("lastGeoFailoverTime", estate.now().toString());
      estate.journal.record(op.resourceId, planned ? "storage.plannedFailover" : "storage.failover", before,
          summary(acct), op.id, loss);
      return Result.ok(null);
    });
  }

  @Override
  public List<String> serviceKeys() {
    return List.of("microsoft.storage/storageaccounts");
  }

  @Override
  public ArmResponse handle(ArmRequest req, ResourcePath path) {
    if (path.depth() != 1) throw ArmService.unknownAction(req, path);
    String id = path.id(1);
    ObjectNode acct = estate.get(id);
    if (path.action == null) {
      if (req.is("PATCH")) return update(req, acct);
      if (!req.is("GET")) throw ArmService.methodNotAllowed(req);
      String expand = req.param("$expand");
      return ArmResponse.ok(render(acct, expand != null && expand.toLowerCase().contains("georeplicationstats")));
    }
    if (!path.action.equalsIgnoreCase("failover")) throw ArmService.unknownAction(req, path);
    if (!req.is("POST")) throw ArmService.methodNotAllowed(req);
    ObjectNode p = Docs.props(acct);
    String primary = Docs.text(p, "primaryLocation");
    String secondary = Docs.text(p, "secondaryLocation");
    String canonical = acct.path("id").asText();
    if (secondary == null) {
      throw ArmException.badRequest("FailoverNotSupported", "The account '" + acct.path("name").asText()
          + "' has no secondary region (SKU " + acct.path("sku").path("name").asText() + "); failover is not possible.");
    }
    String type = req.param("failoverType");
    boolean planned = type != null && type.equalsIgnoreCase("Planned");
    if (type != null && !planned) throw ArmException.badRequest("InvalidFailoverType", "failoverType must be 'Planned' when given.");
    if (planned && estate.regions.isDown(primary)) {
      throw ArmException.badRequest("PlannedFailoverNotAllowed", "The primary region '" + primary
          + "' is unavailable: a planned failover needs both regions (geoReplicationStats.canPlannedFailover is false). "
          + "Use an unplanned failover.");
    }
    estate.requireRegionUp(secondary, canonical);
    if (bootstrapping(canonical)) {
      throw ArmException.badRequest("FailoverNotSupported", "Geo-replication of '" + acct.path("name").asText()
          + "' is still making its first copy (geoReplicationStats.status Bootstrap); failover is possible once it is Live.");
    }
    ObjectNode params = Docs.JSON.objectNode().put("planned", planned);
    return estate.operations.start(req, path, new Start("storage.failover", canonical, primary, params,
        planned ? PLANNED_SECONDS : UNPLANNED_SECONDS, Headers.LOCATION, 202, null));
  }

  /**
   * PATCH of the account's SKU: after an unplanned failover the account is locally redundant, and a
   * failback starts by making it geo-redundant again. The new secondary first copies the data
   * (status Bootstrap, no failover possible) for a realistic while, scaled.
   */
  private ArmResponse update(ArmRequest req, ObjectNode acct) {
    ObjectNode p = Docs.props(acct);
    String id = acct.path("id").asText();
    String primary = Docs.text(p, "primaryLocation");
    estate.requireRegionUp(primary, id);
    ObjectNode body = req.objectBody();
    String sku = Docs.text(body.path("sku"), "name");
    String before = summary(acct);
    if (sku != null && !sku.equals(acct.path("sku").path("name").asText())) {
      boolean geo = sku.contains("GRS") || sku.contains("GZRS");
      if (!geo) {
        p.remove("secondaryLocation");
        p.remove("statusOfSecondary");
        p.remove("secondaryEndpoints");
      } else if (Docs.text(p, "secondaryLocation") == null) {
        String secondary = pairOf(id, primary);
        estate.requireRegionUp(secondary, id);
        p.put("secondaryLocation", secondary);
        p.put("statusOfSecondary", "available");
        p.set("secondaryEndpoints", EstateSeeder.endpoints(acct.path("name").asText() + "-secondary"));
        estate.facts(id).geoBootstrapUntil = estate.now().plusMillis(Math.round(GEO_BOOTSTRAP_SECONDS * 1000 * estate.state().timeScale));
      }
      Docs.obj(acct, "sku").put("name", sku);
    }
    if (body.has("tags")) acct.set("tags", body.get("tags").deepCopy());
    estate.journal.record(id, "storage.update", before, summary(acct), null, null);
    return ArmResponse.ok(render(acct, false));
  }

  private String pairOf(String id, String region) {
    EmulatorState.ResourceFacts f = estate.facts(id);
    if (f == null || f.regionPair == null || f.regionPair.size() != 2) {
      throw ArmException.badRequest("GeoReplicationNotAvailable", "The emulator knows no paired region for " + region + ".");
    }
    return Regions.same(f.regionPair.get(0), region) ? f.regionPair.get(1) : f.regionPair.get(0);
  }

  private boolean bootstrapping(String id) {
    EmulatorState.ResourceFacts f = estate.facts(id);
    return f != null && f.geoBootstrapUntil != null && estate.now().isBefore(f.geoBootstrapUntil);
  }

  private ObjectNode render(ObjectNode acct, boolean geoStats) {
    ObjectNode out = acct.deepCopy();
    ObjectNode p = Docs.props(out);
    String id = acct.path("id").asText();
    String primary = Docs.text(p, "primaryLocation");
    String secondary = Docs.text(p, "secondaryLocation");
    boolean primaryDown = estate.regions.isDown(primary);
    p.put("statusOfPrimary", primaryDown ? "unavailable" : "available");
    if (secondary != null) p.put("statusOfSecondary", estate.regions.isDown(secondary) ? "unavailable" : "available");
    boolean failing = estate.operations.inProgress(id) != null;
    if (failing) p.put("failoverInProgress", true); else p.remove("failoverInProgress");
    p.remove("geoReplicationStats");
    if (geoStats) {
      ObjectNode g = p.putObject("geoReplicationStats");
      if (secondary == null) {
        g.put("status", "Unavailable");
        g.putNull("lastSyncTime");
        g.put("canFailover", false);
        g.put("canPlannedFailover", false);
      } else {
        boolean bootstrap = bootstrapping(id);
        Instant lastSync = estate.replication.lastSyncTime(id, primary);
        g.put("status", primaryDown ? "Unavailable" : bootstrap ? "Bootstrap" : "Live");
        if (bootstrap) g.putNull("lastSyncTime"); else g.put("lastSyncTime", lastSync.toString());
        g.put("canFailover", !failing && !bootstrap && !estate.regions.isDown(secondary));
        g.put("canPlannedFailover", !failing && !bootstrap && !primaryDown && !estate.regions.isDown(secondary));
      }
      g.put("postFailoverRedundancy", "Standard_LRS");
      g.put("postPlannedFailoverRedundancy", acct.path("sku").path("name").asText("Standard_RAGRS").replace("RA", ""));
    }
    return out;
  }

  static String summary(ObjectNode acct) {
    ObjectNode p = Docs.props(acct);
    return "primary=" + Docs.text(p, "primaryLocation") + " secondary=" + Docs.text(p, "secondaryLocation") + " sku="
        + acct.path("sku").path("name").asText();
  }
}
