package dev.continuity.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuity.emulator.EmulatorState.ResourceFacts;
import dev.continuity.emulator.LongRunningOperations.Headers;
import dev.continuity.emulator.LongRunningOperations.Result;
import dev.continuity.emulator.LongRunningOperations.Start;
import java.util.List;

/**
 * Azure SQL failover groups (Microsoft.Sql/servers/{server}/failoverGroups/{group}). A failover is
 * sent to the secondary server, which becomes primary. A planned failover needs the primary (it
 * syncs first) and fails when the primary region is down; a forced one does not, and loses the
 * writes the secondary had not received.
 *
 * <p>The group's body carries the emulator's own {@code properties.emulatorReplication} (lag, last
 * sync, expected data loss), marked as not an Azure field.
 */
final class SqlService implements ArmService {
  /** Azure's docs: a planned failover group failover completes in about a minute. */
  static final double PLANNED_SECONDS = 60;
  static final double FORCED_SECONDS = 30;
  private final Estate estate;

  SqlService(Estate estate) {
    this.estate = estate;
    estate.operations.register("sql.failover", op -> {
      boolean forced = op.params.path("forced").asBoolean();
      String targetFg = op.resourceId;
      ObjectNode target = estate.get(targetFg);
      String partnerFg = partnerGroupId(target);
      ObjectNode partner = estate.get(partnerFg);
      String oldPrimaryRegion = region(Docs.parentOf(partnerFg), partner);
      if (!forced && estate.regions.isDown(oldPrimaryRegion)) {
        throw new ArmException(503, "FailoverGroupPrimaryUnavailable", "The primary server of failover group '"
            + target.path("name").asText() + "' in region '" + oldPrimaryRegion
            + "' is unreachable; a planned failover cannot synchronize. Use forceFailoverAllowDataLoss.");
      }
      if (role(target).equals("Primary")) return Result.ok(render(target));
      String before = summary(target);
      Double loss = forced ? estate.replication.dataLossSeconds(Docs.parentOf(partnerFg), oldPrimaryRegion) : null;
      setRole(target, "Primary");
      setRole(partner, "Secondary");
      estate.journal.record(targetFg, forced ? "sql.forceFailoverAllowDataLoss" : "sql.failover", before, summary(target),
          op.id, loss);
      return Result.ok(render(target));
    });
  }

  @Override
  public List<String> serviceKeys() {
    return List.of("microsoft.sql/servers");
  }

  @Override
  public ArmResponse handle(ArmRequest req, ResourcePath path) {
    String serverId = path.id(1);
    ObjectNode server = estate.get(serverId);
    estate.requireRegionUp(region(serverId, server), serverId);
    if (path.depth() == 1 && path.action == null) {
      if (req.is("GET")) return ArmResponse.ok(server.deepCopy());
      throw ArmService.methodNotAllowed(req);
    }
    if (path.depth() == 1 && "failovergroups".equalsIgnoreCase(path.action) && req.is("GET")) {
      ObjectNode b = Docs.JSON.objectNode();
      estate.children(serverId, "failoverGroups").forEach(fg -> b.withArray("value").add(render(fg)));
      return ArmResponse.ok(b);
    }
    if (path.depth() != 2 || !"failovergroups".equals(path.type(1))) throw ArmService.unknownAction(req, path);
    ObjectNode fg = estate.get(path.id(2));
    if (path.action == null) {
      if (req.is("GET")) return ArmResponse.ok(render(fg));
      throw ArmService.methodNotAllowed(req);
    }
    if (!req.is("POST")) throw ArmService.methodNotAllowed(req);
    boolean forced = switch (path.action.toLowerCase()) {
      case "failover" -> false;
      case "forcefailoverallowdataloss" -> true;
      default -> throw ArmService.unknownAction(req, path);
    };
    if (role(fg).equals("Primary")) return ArmResponse.ok(render(fg));
    ObjectNode params = Docs.JSON.objectNode().put("forced", forced);
    return estate.operations.start(req, path, new Start("sql.failover", fg.path("id").asText(), region(serverId, server),
        params, forced ? FORCED_SECONDS : PLANNED_SECONDS, Headers.LOCATION, 202, null));
  }

  private String region(String serverId, ObjectNode server) {
    ResourceFacts f = estate.facts(serverId);
    return f != null && f.region != null ? f.region : Regions.normalize(server.path("location").asText());
  }

  static String role(ObjectNode fg) {
    return fg.path("properties").path("replicationRole").asText();
  }

  static String partnerGroupId(ObjectNode fg) {
    String partnerServer = fg.path("properties").path("partnerServers").path(0).path("id").asText();
    return partnerServer + "/failoverGroups/" + fg.path("name").asText();
  }

  private static void setRole(ObjectNode fg, String role) {
    ObjectNode p = Docs.props(fg);
    p.put("replicationRole", role);
    JsonNode partners = p.path("partnerServers");
    if (partners.size() > 0) ((ObjectNode) partners.get(0)).put("replicationRole", role.equals("Primary") ? "Secondary" : "Primary");
  }

  private ObjectNode render(ObjectNode fg) {
    ObjectNode out = fg.deepCopy();
    ObjectNode p = Docs.props(out);
    String primaryServer = role(fg).equals("Primary") ? Docs.parentOf(fg.path("id").asText())
        : p.path("partnerServers").path(0).path("id").asText();
    ObjectNode primary = estate.find(primaryServer);
    String primaryRegion = primary == null ? null : region(primaryServer, primary);
    ObjectNode rep = p.putObject("emulatorReplication");
    rep.put("note", "Not an Azure field: replication state simulated by the Continuity emulator.");
    if (primaryRegion != null) {
      rep.put("primaryRegion", primaryRegion);
      rep.put("lagSeconds", estate.replication.lagSeconds(primaryServer));
      rep.put("lastSyncTime", estate.replication.lastSyncTime(primaryServer, primaryRegion).toString());
      rep.put("expectedDataLossSeconds", estate.replication.dataLossSeconds(primaryServer, primaryRegion));
    }
    return out;
  }

  static String summary(ObjectNode fg) {
    return "role=" + role(fg) + " partnerRole=" + fg.path("properties").path("partnerServers").path(0).path("replicationRole").asText();
  }
}
