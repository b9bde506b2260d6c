package dev.continuity.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuity.emulator.EmulatorState.ResourceFacts;
import dev.continuity.emulator.LongRunningOperations.Headers;
import dev.continuity.emulator.LongRunningOperations.Result;
import dev.continuity.emulator.LongRunningOperations.Start;
import java.util.List;

/**
 * Azure Cache for Redis geo-replication (Microsoft.Cache/redis/{cache}/linkedServers). The link is
 * seen from both caches (serverRole Secondary on the primary's side, Primary on the secondary's).
 * Unlinking from the secondary works while the primary's region is down, and then loses the
 * writes the secondary had not received.
 */
final class RedisService implements ArmService {
  /** Azure's docs: unlinking takes a few minutes; linking copies the data, longer. */
  static final double UNLINK_SECONDS = 300;
  static final double LINK_SECONDS = 600;
  private final Estate estate;

  RedisService(Estate estate) {
    this.estate = estate;
    estate.operations.register("redis.unlink", op -> {
      String cacheId = op.params.path("cache").asText();
      String otherId = op.params.path("other").asText();
      ObjectNode mine = estate.find(cacheId + "/linkedServers/" + Docs.nameOf(otherId));
      ObjectNode theirs = estate.find(otherId + "/linkedServers/" + Docs.nameOf(cacheId));
      if (mine == null && theirs == null) return Result.ok(null);
      String primaryId = mine != null && "Secondary".equals(mine.path("properties").path("serverRole").asText()) ? cacheId : otherId;
      String primaryRegion = cacheRegion(primaryId);
      Double loss = estate.regions.isDown(primaryRegion) ? estate.replication.dataLossSeconds(primaryId, primaryRegion) : null;
      estate.remove(cacheId + "/linkedServers/" + Docs.nameOf(otherId));
      estate.remove(otherId + "/linkedServers/" + Docs.nameOf(cacheId));
      estate.journal.record(cacheId, "redis.unlink", "linked to " + Docs.nameOf(otherId) + " (primary " + Docs.nameOf(primaryId) + ")",
          "unlinked", op.id, loss);
      return Result.ok(null);
    });
    estate.operations.register("redis.link", op -> {
      String primaryId = op.params.path("cache").asText();
      String secondaryId = op.params.path("other").asText();
      estate.requireRegionUp(cacheRegion(secondaryId), secondaryId);
      ObjectNode mine = estate.get(primaryId + "/linkedServers/" + Docs.nameOf(secondaryId));
      Docs.props(mine).put("provisioningState", "Succeeded");
      estate.put(link(estate.get(secondaryId), estate.get(primaryId), "Primary"));
      estate.journal.record(primaryId, "redis.link", "unlinked", "linked to " + Docs.nameOf(secondaryId) + " (primary "
          + Docs.nameOf(primaryId) + ")", op.id, null);
      return Result.ok(null);
    });
  }

  @Override
  public List<String> serviceKeys() {
    return List.of("microsoft.cache/redis");
  }

  @Override
  public ArmResponse handle(ArmRequest req, ResourcePath path) {
    String cacheId = path.id(1);
    ObjectNode cache = estate.get(cacheId);
    String canonical = cache.path("id").asText();
    estate.requireRegionUp(cacheRegion(canonical), canonical);
    if (path.depth() == 1 && path.action == null) {
      if (!req.is("GET")) throw ArmService.methodNotAllowed(req);
      ObjectNode out = cache.deepCopy();
      ArrayNode links = Docs.props(out).putArray("linkedServers");
      estate.children(canonical, "linkedServers").forEach(l -> links.addObject().put("id", l.path("id").asText()));
      return ArmResponse.ok(out);
    }
    if (path.depth() == 1 && "linkedservers".equalsIgnoreCase(path.action)) {
      if (!req.is("GET")) throw ArmService.methodNotAllowed(req);
      ObjectNode b = Docs.JSON.objectNode();
      ArrayNode value = b.putArray("value");
      estate.children(canonical, "linkedServers").forEach(l -> value.add(l.deepCopy()));
      return ArmResponse.ok(b);
    }
    if (path.depth() != 2 || !"linkedservers".equals(path.type(1)) || path.action != null) throw ArmService.unknownAction(req, path);
    String linkId = path.id(2);
    ObjectNode link = estate.find(linkId);
    if (req.is("GET")) {
      if (link == null) throw ArmException.notFound(linkId);
      return ArmResponse.ok(link.deepCopy());
    }
    if (req.is("DELETE")) {
      if (link == null) return ArmResponse.of(204, null);
      String otherId = link.path("properties").path("linkedRedisCacheId").asText();
      ObjectNode params = Docs.JSON.objectNode().put("cache", canonical).put("other", otherId);
      return estate.operations.start(req, path, new Start("redis.unlink", canonical, cacheRegion(canonical), params,
          UNLINK_SECONDS, Headers.LOCATION, 202, null));
    }
    if (req.is("PUT")) {
      if (link != null) return ArmResponse.ok(link.deepCopy());
      ObjectNode props = (ObjectNode) req.objectBody().path("properties");
      String otherId = Docs.text(props, "linkedRedisCacheId");
      if (otherId == null) throw ArmException.badRequest("BadRequest", "properties.linkedRedisCacheId is required.");
      ObjectNode other = estate.find(otherId);
      if (other == null) throw ArmException.notFound(otherId);
      if (!Docs.nameOf(otherId).equalsIgnoreCase(path.name(1))) {
        throw ArmException.badRequest("BadRequest", "The linked server name must be the linked cache's name '" + Docs.nameOf(otherId) + "'.");
      }
      if (!estate.children(canonical, "linkedServers").isEmpty() || !estate.children(other.path("id").asText(), "linkedServers").isEmpty()) {
        throw ArmException.conflict("Conflict", "A cache can have one geo-replication link; unlink the existing one first.");
      }
      String role = props.path("serverRole").asText("Secondary");
      if (!role.equals("Secondary")) throw ArmException.badRequest("BadRequest", "Link a cache as the Secondary of the cache in the URL.");
      estate.requireRegionUp(cacheRegion(other.path("id").asText()), other.path("id").asText());
      ObjectNode mine = link(cache, other, "Secondary");
      Docs.props(mine).put("provisioningState", "Creating");
      estate.put(mine);
      ObjectNode params = Docs.JSON.objectNode().put("cache", canonical).put("other", other.path("id").asText());
      return estate.operations.start(req, path, new Start("redis.link", canonical, cacheRegion(canonical), params,
          LINK_SECONDS, Headers.ASYNC_OPERATION, 201, mine.deepCopy()));
    }
    throw ArmService.methodNotAllowed(req);
  }

  private String cacheRegion(String cacheId) {
    ResourceFacts f = estate.facts(cacheId);
    if (f != null && f.region != null) return f.region;
    ObjectNode c = estate.find(cacheId);
    return c == null ? null : Regions.normalize(c.path("location").asText());
  }

  /** The link as seen from {@code from}: the other cache and its role. */
  static ObjectNode link(ObjectNode from, ObjectNode to, String otherRole) {
    ObjectNode l = Docs.template("redisLinkedServer");
    String toName = to.path("name").asText();
    l.put("id", from.path("id").asText() + "/linkedServers/" + toName);
    l.put("name", toName);
    l.put("type", "Microsoft.Cache/Redis/linkedServers");
    ObjectNode p = l.putObject("properties");
    p.put("linkedRedisCacheId", to.path("id").asText());
    p.put("linkedRedisCacheLocation", to.path("location").asText());
    p.put("serverRole", otherRole);
    String primaryName = otherRole.equals("Secondary") ? from.path("name").asText() : toName;
    p.put("geoReplicatedPrimaryHostName", primaryName + ".geo.redis.cache.windows.net");
    p.put("primaryHostName", primaryName + ".redis.cache.windows.net");
    p.put("provisioningState", "Succeeded");
    return l;
  }
}
