package dev.continuity.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuity.emulator.EmulatorState.ResourceFacts;
import dev.continuity.emulator.LongRunningOperations.Headers;
import dev.continuity.emulator.LongRunningOperations.Result;
import dev.continuity.emulator.LongRunningOperations.Start;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL and MySQL flexible servers (Microsoft.DBforPostgreSQL/flexibleServers,
 * Microsoft.DBforMySQL/flexibleServers) and their read replicas. Servers_Update (PATCH) is a
 * long-running operation answered with 202 and both poll headers, as in Azure's examples.
 *
 * <p>PostgreSQL: a PATCH of {@code properties.replica.promoteMode/promoteOption} on a replica promotes
 * it. A switchover makes the old primary the new primary's replica (so promoting it back restores the
 * estate); a standalone promotion ends replication. A planned promotion needs the primary's region
 * up; a forced one does not, and the journal records the writes it loses. MySQL: a PATCH of
 * {@code properties.replicationRole: None} on a replica stops replication. Other MySQL properties in a
 * PATCH are merged into the server. A MySQL PUT with {@code createMode: Replica} creates a replica of
 * {@code sourceServerResourceId} in the body's location (201 + Azure-AsyncOperation; the server exists
 * once the operation completes), and DELETE removes a server (202, or 204 when it is absent).
 */
final class FlexibleServerService implements ArmService {
  /** Azure's docs: promoting a replica takes a few minutes; stopping MySQL replication about as long. */
  static final double PROMOTE_SECONDS = 180;
  static final double STOP_SECONDS = 120;
  static final double UPDATE_SECONDS = 60;
  /** Azure's docs: creating a replica copies the source's data, typically 15 minutes or more. */
  static final double CREATE_REPLICA_SECONDS = 900;
  static final double DELETE_SECONDS = 300;
  private static final String PG = "microsoft.dbforpostgresql";

  private final Estate estate;

  FlexibleServerService(Estate estate) {
    this.estate = estate;
    estate.operations.register("postgres.promote", this::promote);
    estate.operations.register("mysql.stopReplication", this::stopReplication);
    estate.operations.register("mysql.createReplica", this::createReplica);
    estate.operations.register("mysql.delete", op -> {
      ObjectNode server = estate.find(op.resourceId);
      if (server == null) return Result.noContent();
      String before = summary(server);
      String sourceId = server.path("properties").path("sourceServerResourceId").asText(null);
      estate.remove(op.resourceId);
      // Replicas of a deleted source become standalone servers, as Azure stops their replication.
      for (ObjectNode doc : List.copyOf(estate.state().resources.values())) {
        if (isReplica(doc) && doc.path("properties").path("sourceServerResourceId").asText().equalsIgnoreCase(op.resourceId)) {
          makeStandalone(doc);
        }
      }
      if (sourceId != null && estate.find(sourceId) != null && replicasOf(sourceId) == 0) makeStandalone(estate.find(sourceId));
      estate.journal.record(op.resourceId, "mysql.delete", before, "deleted", op.id, null);
      return Result.noContent();
    });
    estate.operations.register("mysql.update", op -> {
      ObjectNode server = estate.get(op.resourceId);
      String before = server.path("properties").toString();
      Docs.merge(Docs.props(server), op.params.path("properties"));
      estate.journal.record(op.resourceId, "mysql.update", before, server.path("properties").toString(), op.id, null);
      return Result.ok(server.deepCopy());
    });
  }

  @Override
  public List<String> serviceKeys() {
    return List.of(PG + "/flexibleservers", "microsoft.dbformysql/flexibleservers");
  }

  @Override
  public ArmResponse handle(ArmRequest req, ResourcePath path) {
    if (path.depth() != 1 || path.action != null) throw ArmService.unknownAction(req, path);
    String id = path.id(1);
    boolean postgres = path.namespace.toLowerCase(Locale.ROOT).equals(PG);
    if (!postgres && req.is("PUT")) return create(req, path, id);
    if (!postgres && req.is("DELETE")) {
      ObjectNode gone = estate.find(id);
      if (gone == null) return ArmResponse.of(204, null);
      estate.requireRegionUp(region(id, gone), id);
      return estate.operations.start(req, path, new Start("mysql.delete", id, region(id, gone), Docs.JSON.objectNode(),
          DELETE_SECONDS, Headers.BOTH, 202, null));
    }
    ObjectNode server = estate.get(id);
    String region = region(id, server);
    estate.requireRegionUp(region, id);
    if (req.is("GET")) return ArmResponse.ok(server.deepCopy());
    if (!req.is("PATCH")) throw ArmService.methodNotAllowed(req);
    JsonNode props = req.objectBody().path("properties");
    Start start = postgres ? promotion(id, server, region, props) : mysqlUpdate(id, server, region, props);
    return estate.operations.start(req, path, start);
  }

  /** Servers_Create for a MySQL replica: the only creation the emulator serves. */
  private ArmResponse create(ArmRequest req, ResourcePath path, String id) {
    ObjectNode body = req.objectBody();
    JsonNode props = body.path("properties");
    String location = body.path("location").asText("");
    if (!"Replica".equalsIgnoreCase(props.path("createMode").asText()) || location.isBlank()) {
      throw ArmException.badRequest("NotEmulated", "The emulator creates MySQL flexible servers only as read replicas "
          + "(location and properties.createMode Replica with sourceServerResourceId).");
    }
    if (estate.find(id) != null) {
      throw ArmException.badRequest("ServerAlreadyExists", "The server '" + Docs.nameOf(id)
          + "' already exists; createMode Replica applies to a new server only.");
    }
    String sourceId = props.path("sourceServerResourceId").asText("");
    ObjectNode source = estate.find(sourceId);
    if (source == null) {
      throw ArmException.badRequest("SourceServerNotFound", "The source server '" + sourceId + "' does not exist.");
    }
    if (isReplica(source)) {
      throw ArmException.badRequest("CascadingReplicaNotSupported", "The source server '" + Docs.nameOf(sourceId)
          + "' is a replica itself; a replica's source must take writes.");
    }
    String region = Regions.normalize(location);
    estate.requireRegionUp(region, id);
    estate.requireRegionUp(region(sourceId, source), sourceId);
    ObjectNode params = Docs.JSON.objectNode().put("source", sourceId).put("region", region);
    ObjectNode accepted = newServer(false, id, region);
    Docs.props(accepted).put("provisioningState", "Creating").put("replicationRole", "Replica").put("sourceServerResourceId", sourceId);
    return estate.operations.start(req, path, new Start("mysql.createReplica", id, region, params, CREATE_REPLICA_SECONDS,
        Headers.ASYNC_OPERATION, 201, accepted));
  }

  private Result createReplica(EmulatorState.Operation op) {
    String sourceId = op.params.path("source").asText();
    ObjectNode source = estate.find(sourceId);
    if (source == null) throw ArmException.badRequest("SourceServerNotFound", "The source server '" + sourceId + "' is gone.");
    String region = op.params.path("region").asText();
    ObjectNode replica = newServer(false, op.resourceId, region);
    makeReplica(replica, region, source, region(sourceId, source));
    estate.put(replica);
    if (estate.facts(op.resourceId) == null) {
      ResourceFacts sf = estate.facts(sourceId);
      estate.setFacts(op.resourceId, new ResourceFacts(dev.continuity.model.estate.ResourceKinds.MYSQL_FLEXIBLE_SERVER, region,
          sf == null ? null : sf.stamp));
    }
    estate.journal.record(op.resourceId, "mysql.createReplica", "absent", summary(replica), op.id, null);
    return Result.ok(replica.deepCopy());
  }

  /** A new server as the seeded estate and Servers_Create shape it: standalone, taking writes. */
  static ObjectNode newServer(boolean postgres, String id, String region) {
    ObjectNode s = Docs.template(postgres ? "postgresFlexibleServer" : "mysqlFlexibleServer");
    s.put("id", id);
    s.put("name", Docs.nameOf(id));
    s.put("type", postgres ? "Microsoft.DBforPostgreSQL/flexibleServers" : "Microsoft.DBforMySQL/flexibleServers");
    s.put("location", Regions.display(region));
    Docs.props(s).put("fullyQualifiedDomainName", Docs.nameOf(id) + (postgres ? ".postgres.database.azure.com" : ".mysql.database.azure.com"));
    makeStandalone(s);
    return s;
  }

  private Start promotion(String id, ObjectNode server, String region, JsonNode props) {
    JsonNode replica = props.path("replica");
    String mode = replica.path("promoteMode").asText("");
    String option = replica.path("promoteOption").asText("");
    Iterator<String> fields = props.fieldNames();
    while (fields.hasNext()) {
      if (!fields.next().equals("replica")) {
        throw ArmException.badRequest("NotEmulated", "The emulator updates PostgreSQL flexible servers only to promote a replica "
            + "(properties.replica.promoteMode/promoteOption).");
      }
    }
    if (!List.of("standalone", "switchover").contains(mode.toLowerCase(Locale.ROOT))
        || !List.of("planned", "forced").contains(option.toLowerCase(Locale.ROOT))) {
      throw ArmException.badRequest("InvalidParameterValue", "properties.replica needs promoteMode Standalone|Switchover and "
          + "promoteOption Planned|Forced; got '" + mode + "' and '" + option + "'.");
    }
    if (!isReplica(server)) {
      throw ArmException.badRequest("ServerIsNotReplica", "The server '" + server.path("name").asText()
          + "' is not a read replica; only a replica can be promoted.");
    }
    ObjectNode params = Docs.JSON.objectNode().put("mode", mode.toLowerCase(Locale.ROOT)).put("option", option.toLowerCase(Locale.ROOT));
    return new Start("postgres.promote", id, region, params, PROMOTE_SECONDS, Headers.BOTH, 202, null);
  }

  private Start mysqlUpdate(String id, ObjectNode server, String region, JsonNode props) {
    if (props.has("replicationRole")) {
      if (!"None".equalsIgnoreCase(props.path("replicationRole").asText())) {
        throw ArmException.badRequest("InvalidParameterValue", "replicationRole can only be set to None (stop replication).");
      }
      if (!isReplica(server)) {
        throw ArmException.badRequest("ServerIsNotReplica", "The server '" + server.path("name").asText() + "' is not a replica.");
      }
      return new Start("mysql.stopReplication", id, region, Docs.JSON.objectNode(), STOP_SECONDS, Headers.BOTH, 202, null);
    }
    ObjectNode params = Docs.JSON.objectNode();
    params.set("properties", props.deepCopy());
    return new Start("mysql.update", id, region, params, UPDATE_SECONDS, Headers.BOTH, 202, null);
  }

  private Result promote(EmulatorState.Operation op) {
    ObjectNode target = estate.get(op.resourceId);
    if (!isReplica(target)) return Result.ok(target.deepCopy());
    String sourceId = target.path("properties").path("sourceServerResourceId").asText();
    ObjectNode source = estate.find(sourceId);
    String sourceRegion = source == null ? null : region(sourceId, source);
    boolean planned = op.params.path("option").asText().equals("planned");
    boolean switchover = op.params.path("mode").asText().equals("switchover");
    if (planned && (source == null || estate.regions.isDown(sourceRegion))) {
      throw new ArmException(503, "SourceServerUnavailable", "The primary server of replica '" + target.path("name").asText()
          + "' is unreachable; a planned promotion waits for it to sync. Use promoteOption Forced.");
    }
    String before = summary(target);
    Double loss = planned || source == null ? null : estate.replication.dataLossSeconds(op.resourceId, sourceRegion);
    String targetRegion = region(op.resourceId, target);
    makeStandalone(target);
    if (switchover && source != null) makeReplica(source, sourceRegion, target, targetRegion);
    estate.journal.record(op.resourceId, "postgres.promote" + (switchover ? "Switchover" : "Standalone") + (planned ? "Planned" : "Forced"),
        before, summary(target), op.id, loss);
    return Result.ok(target.deepCopy());
  }

  private Result stopReplication(EmulatorState.Operation op) {
    ObjectNode target = estate.get(op.resourceId);
    if (!isReplica(target)) return Result.ok(target.deepCopy());
    String sourceId = target.path("properties").path("sourceServerResourceId").asText();
    String before = summary(target);
    ObjectNode source = estate.find(sourceId);
    Double loss = null;
    if (source != null) {
      String sourceRegion = region(sourceId, source);
      if (estate.regions.isDown(sourceRegion)) loss = estate.replication.dataLossSeconds(op.resourceId, sourceRegion);
    }
    makeStandalone(target);
    // A source left without replicas is a plain server again.
    if (source != null && replicasOf(sourceId) == 0) makeStandalone(source);
    estate.journal.record(op.resourceId, "mysql.stopReplication", before, summary(target), op.id, loss);
    return Result.ok(target.deepCopy());
  }

  private int replicasOf(String sourceId) {
    int n = 0;
    for (ObjectNode doc : estate.state().resources.values()) {
      if (isReplica(doc) && doc.path("properties").path("sourceServerResourceId").asText().equalsIgnoreCase(sourceId)) n++;
    }
    return n;
  }

  /** A server that takes writes: PostgreSQL "Primary", MySQL "None" (or "Source" while it has replicas). */
  static void makeStandalone(ObjectNode server) {
    ObjectNode p = Docs.props(server);
    p.remove("sourceServerResourceId");
    if (postgres(server)) {
      p.put("replicationRole", "Primary");
      Docs.obj(p, "replica").put("role", "Primary").remove("replicationState");
    } else {
      p.put("replicationRole", "None");
    }
  }

  static void makeReplica(ObjectNode replica, String replicaRegion, ObjectNode source, String sourceRegion) {
    ObjectNode p = Docs.props(replica);
    p.put("sourceServerResourceId", source.path("id").asText());
    if (postgres(replica)) {
      String role = Regions.same(replicaRegion, sourceRegion) ? "AsyncReplica" : "GeoAsyncReplica";
      p.put("replicationRole", role);
      Docs.obj(p, "replica").put("role", role).put("replicationState", "Active");
    } else {
      p.put("replicationRole", "Replica");
      Docs.props(source).put("replicationRole", "Source");
    }
  }

  static boolean isReplica(ObjectNode server) {
    return server.path("properties").path("replicationRole").asText().toLowerCase(Locale.ROOT).contains("replica");
  }

  private static boolean postgres(ObjectNode server) {
    return server.path("type").asText().toLowerCase(Locale.ROOT).startsWith(PG);
  }

  private String region(String id, ObjectNode server) {
    ResourceFacts f = estate.facts(id);
    return f != null && f.region != null ? f.region : Regions.normalize(server.path("location").asText());
  }

  static String summary(ObjectNode server) {
    JsonNode p = server.path("properties");
    String source = p.path("sourceServerResourceId").asText(null);
    return "role=" + p.path("replicationRole").asText() + (source == null ? "" : " source=" + Docs.nameOf(source));
  }
}
