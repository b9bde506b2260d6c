package dev.continuity.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuity.emulator.LongRunningOperations.Headers;
import dev.continuity.emulator.LongRunningOperations.Result;
import dev.continuity.emulator.LongRunningOperations.Start;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Cosmos DB accounts (Microsoft.DocumentDB/databaseAccounts). A global account: its control plane
 * stays up when a region fails, so failing over away from a downed region works.
 *
 * <p>Replication lag is not part of Azure's account body (Azure exposes it as the ReplicationLatency
 * metric). The emulator adds it, clearly marked as its own, as {@code properties.emulatorReplication}
 * {writeRegion, lagSeconds, lastSyncTime, expectedDataLossSeconds, offlineRegions}; SDK models ignore
 * unknown fields, so an action reads it from the raw response body.
 */
final class CosmosDbService implements ArmService {
  /** Manual failover (priority change) takes a few minutes in Azure. */
  static final double PRIORITY_CHANGE_SECONDS = 180;
  static final double REGION_OFFLINE_SECONDS = 300;
  static final double REGION_ONLINE_SECONDS = 300;
  private final Estate estate;

  CosmosDbService(Estate estate) {
    this.estate = estate;
    estate.operations.register("cosmos.failoverPriorityChange", op -> {
      ObjectNode acct = estate.get(op.resourceId);
      String oldWrite = writeRegion(acct);
      String before = summary(acct);
      List<String> order = new ArrayList<>();
      op.params.path("order").forEach(n -> order.add(n.asText()));
      setOrder(acct, order);
      Double loss = lossIfDown(op.resourceId, oldWrite, writeRegion(acct));
      estate.journal.record(op.resourceId, "cosmos.failoverPriorityChange", before, summary(acct), op.id, loss);
      return Result.noContent();
    });
    estate.operations.register("cosmos.offlineRegion", op -> {
      ObjectNode acct = estate.get(op.resourceId);
      String region = op.params.path("region").asText();
      String oldWrite = writeRegion(acct);
      String before = summary(acct);
      offline(acct).add(region);
      List<String> order = order(acct);
      order.remove(region);
      order.add(region); // an offlined region drops to the lowest priority; the next one takes writes
      setOrder(acct, order);
      Double loss = lossIfDown(op.resourceId, oldWrite, writeRegion(acct));
      estate.journal.record(op.resourceId, "cosmos.offlineRegion", before, summary(acct), op.id, loss);
      return Result.ok(null);
    });
    estate.operations.register("cosmos.onlineRegion", op -> {
      ObjectNode acct = estate.get(op.resourceId);
      String region = op.params.path("region").asText();
      estate.requireRegionUp(region, op.resourceId);
      String before = summary(acct);
      ArrayNode off = offline(acct);
      for (int i = off.size() - 1; i >= 0; i--) if (off.get(i).asText().equals(region)) off.remove(i);
      estate.journal.record(op.resourceId, "cosmos.onlineRegion", before, summary(acct), op.id, null);
      return Result.ok(null);
    });
  }

  @Override
  public List<String> serviceKeys() {
    return List.of("microsoft.documentdb/databaseaccounts");
  }

  @Override
  public ArmResponse handle(ArmRequest req, ResourcePath path) {
    if (path.depth() != 1) throw ArmService.unknownAction(req, path);
    String id = path.id(1);
    ObjectNode acct = estate.get(id);
    if (path.action == null) {
      if (req.is("GET")) return ArmResponse.ok(render(id, acct));
      throw ArmService.methodNotAllowed(req);
    }
    if (!req.is("POST")) throw ArmService.methodNotAllowed(req);
    String canonicalId = acct.path("id").asText();
    return switch (path.action.toLowerCase()) {
      case "failoverprioritychange" -> failoverPriorityChange(req, path, acct, canonicalId);
      case "offlineregion" -> offlineRegion(req, path, acct, canonicalId);
      case "onlineregion" -> onlineRegion(req, path, acct, canonicalId);
      default -> throw ArmService.unknownAction(req, path);
    };
  }

  private ArmResponse failoverPriorityChange(ArmRequest req, ResourcePath path, ObjectNode acct, String id) {
    JsonNode policies = req.objectBody().get("failoverPolicies");
    if (policies == null || !policies.isArray() || policies.isEmpty()) {
      throw ArmException.badRequest("BadRequest", "failoverPolicies is required: [{locationName, failoverPriority}, ...].");
    }
    List<String> current = order(acct);
    String[] order = new String[policies.size()];
    Set<String> seen = new HashSet<>();
    for (JsonNode p : policies) {
      String region = Regions.normalize(Docs.text(p, "locationName"));
      int prio = p.path("failoverPriority").asInt(-1);
      if (region == null || !current.contains(region)) {
        throw ArmException.badRequest("BadRequest", "Region '" + Docs.text(p, "locationName")
            + "' is not a region of the account; the account's regions are " + current + ".");
      }
      if (prio < 0 || prio >= order.length || order[prio] != null || !seen.add(region)) {
        throw ArmException.badRequest("BadRequest", "Failover priorities must be unique and run from 0 to " + (order.length - 1) + ".");
      }
      order[prio] = region;
    }
    if (order.length != current.size()) {
      throw ArmException.badRequest("BadRequest", "failoverPolicies must list every region of the account: " + current + ".");
    }
    if (offline(acct).toString().contains("\"" + order[0] + "\"")) {
      throw ArmException.badRequest("BadRequest", "Region '" + order[0] + "' is offline for this account; bring it online first.");
    }
    estate.requireRegionUp(order[0], id);
    if (List.of(order).equals(current)) return ArmResponse.of(204, null);
    ObjectNode params = Docs.JSON.objectNode();
    ArrayNode o = params.putArray("order");
    for (String r : order) o.add(r);
    return estate.operations.start(req, path, new Start("cosmos.failoverPriorityChange", id, acct.path("location").asText(),
        params, PRIORITY_CHANGE_SECONDS, Headers.BOTH, 202, null));
  }

  private ArmResponse offlineRegion(ArmRequest req, ResourcePath path, ObjectNode acct, String id) {
    String region = regionParam(req, acct);
    if (order(acct).size() < 2) throw ArmException.badRequest("BadRequest", "A single-region account cannot take its region offline.");
    if (isOffline(acct, region)) return ArmResponse.ok(null);
    ObjectNode params = Docs.JSON.objectNode().put("region", region);
    return estate.operations.start(req, path, new Start("cosmos.offlineRegion", id, acct.path("location").asText(), params,
        REGION_OFFLINE_SECONDS, Headers.BOTH, 202, null));
  }

  private ArmResponse onlineRegion(ArmRequest req, ResourcePath path, ObjectNode acct, String id) {
    String region = regionParam(req, acct);
    estate.requireRegionUp(region, id);
    if (!isOffline(acct, region)) return ArmResponse.ok(null);
    ObjectNode params = Docs.JSON.objectNode().put("region", region);
    return estate.operations.start(req, path, new Start("cosmos.onlineRegion", id, acct.path("location").asText(), params,
        REGION_ONLINE_SECONDS, Headers.BOTH, 202, null));
  }

  private String regionParam(ArmRequest req, ObjectNode acct) {
    String region = Regions.normalize(Docs.text(req.objectBody(), "region"));
    if (region == null) throw ArmException.badRequest("BadRequest", "The request body needs {\"region\": \"<region>\"}.");
    if (!order(acct).contains(region)) {
      throw ArmException.badRequest("BadRequest", "Region '" + region + "' is not a region of the account: " + order(acct) + ".");
    }
    return region;
  }

  private Double lossIfDown(String id, String oldWrite, String newWrite) {
    if (oldWrite.equals(newWrite) || !estate.regions.isDown(oldWrite)) return null;
    return estate.replication.dataLossSeconds(id, oldWrite);
  }

  /** Regions in failover-priority order, short names. */
  static List<String> order(ObjectNode acct) {
    List<ObjectNode> pol = new ArrayList<>();
    acct.path("properties").path("failoverPolicies").forEach(p -> pol.add((ObjectNode) p));
    pol.sort((a, b) -> Integer.compare(a.path("failoverPriority").asInt(), b.path("failoverPriority").asInt()));
    List<String> out = new ArrayList<>();
    for (ObjectNode p : pol) out.add(Regions.normalize(p.path("locationName").asText()));
    return out;
  }

  static void setOrder(ObjectNode acct, List<String> order) {
    String name = acct.path("name").asText();
    ArrayNode pol = Docs.props(acct).putArray("failoverPolicies");
    for (int i = 0; i < order.size(); i++) {
      pol.addObject().put("id", name + "-" + order.get(i)).put("locationName", Regions.display(order.get(i)))
          .put("failoverPriority", i);
    }
  }

  static ArrayNode offline(ObjectNode acct) {
    ObjectNode r = Docs.obj(Docs.props(acct), "emulatorReplication");
    JsonNode off = r.get("offlineRegions");
    return off instanceof ArrayNode a ? a : r.putArray("offlineRegions");
  }

  private static boolean isOffline(ObjectNode acct, String region) {
    for (JsonNode n : offline(acct)) if (n.asText().equals(region)) return true;
    return false;
  }

  static String writeRegion(ObjectNode acct) {
    return order(acct).get(0);
  }

  private ObjectNode render(String id, ObjectNode acct) {
    ObjectNode out = acct.deepCopy();
    ObjectNode p = Docs.props(out);
    String name = out.path("name").asText();
    List<String> order = order(acct);
    ArrayNode locations = p.putArray("locations");
    ArrayNode read = p.putArray("readLocations");
    ArrayNode write = p.putArray("writeLocations");
    for (int i = 0; i < order.size(); i++) {
      String r = order.get(i);
      ObjectNode l = Docs.JSON.objectNode().put("id", name + "-" + r).put("locationName", Regions.display(r))
          .put("documentEndpoint", "https://" + name + "-" + r + ".documents.azure.com:443/")
          .put("provisioningState", "Succeeded").put("failoverPriority", i).put("isZoneRedundant", false);
      locations.add(l);
      if (!isOffline(acct, r)) read.add(l.deepCopy());
      if (i == 0) write.add(l.deepCopy());
    }
    String writeRegion = order.get(0);
    Instant lastSync = estate.replication.lastSyncTime(id, writeRegion);
    ObjectNode rep = Docs.obj(p, "emulatorReplication");
    rep.put("note", "Not an Azure field: replication state simulated by the Continuity emulator.");
    rep.put("writeRegion", writeRegion);
    rep.put("lagSeconds", estate.replication.lagSeconds(id));
    rep.put("lastSyncTime", lastSync.toString());
    rep.put("expectedDataLossSeconds", estate.replication.dataLossSeconds(id, writeRegion));
    return out;
  }

  static String summary(ObjectNode acct) {
    return "writeRegion=" + writeRegion(acct) + " order=" + order(acct) + " offline=" + offline(acct);
  }
}
