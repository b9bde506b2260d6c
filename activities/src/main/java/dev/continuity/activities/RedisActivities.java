package dev.continuity.activities;

import com.azure.core.management.exception.ManagementException;
import com.azure.core.util.Context;
import com.azure.resourcemanager.redis.fluent.LinkedServersClient;
import com.azure.resourcemanager.redis.fluent.models.RedisLinkedServerWithPropertiesInner;
import com.azure.resourcemanager.redis.models.RedisLinkedServerCreateParameters;
import com.azure.resourcemanager.redis.models.ReplicationRole;
import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.RedisActions;

/** Azure Cache for Redis geo-replication: the link between the primary cache and its geo-replica. */
public final class RedisActivities implements RedisActions {
  static final String ROLE = "Redis Cache Contributor on both caches";

  private final AzureClients clients;
  private final ResumableOperation operations;

  public RedisActivities(AzureClients clients, ActivitiesConfig config) {
    this.clients = clients;
    this.operations = new ResumableOperation(clients.pipeline(), config);
  }

  @Override
  public ActionResult removeGeoReplicationLink(ActionRequest request) {
    ArmId cache = ArmId.of(request);
    String linked = linkedServer(request);
    LinkedServersClient links = links(cache);
    String where = cache + "/linkedServers/" + linked;
    var pending = ResumableOperation.pending(request.action(), where);
    if (pending.isPresent()) {
      operations.resume(pending.get(), ROLE);
    } else {
      if (find(links, cache, linked, where) == null) {
        return ActionResult.unchanged("cache " + cache.name() + " has no link to " + linked);
      }
      operations.start(request.action(), where, ROLE,
          () -> links.deleteWithResponseAsync(cache.resourceGroup(), cache.name(), linked));
    }
    if (find(links, cache, linked, where) != null) {
      throw AzureCall.notConverged("cache " + cache.name() + " still links to " + linked + " after the unlink");
    }
    return ActionResult.changed("geo-replication link " + cache.name() + " -> " + linked + " removed");
  }

  @Override
  public ActionResult restoreGeoReplicationLink(ActionRequest request) {
    ArmId cache = ArmId.of(request);
    String linked = linkedServer(request);
    String linkedId = Params.string(request, "linkedServerId");
    String linkedLocation = Params.string(request, "linkedServerLocation");
    LinkedServersClient links = links(cache);
    String where = cache + "/linkedServers/" + linked;
    var pending = ResumableOperation.pending(request.action(), where);
    if (pending.isPresent()) {
      operations.resume(pending.get(), ROLE);
    } else {
      RedisLinkedServerWithPropertiesInner existing = find(links, cache, linked, where);
      if (existing != null && linkedId.equalsIgnoreCase(existing.linkedRedisCacheId())) {
        return ActionResult.unchanged("cache " + cache.name() + " already links to " + linked);
      }
      RedisLinkedServerCreateParameters body = new RedisLinkedServerCreateParameters()
          .withLinkedRedisCacheId(linkedId)
          .withLinkedRedisCacheLocation(linkedLocation)
          .withServerRole(ReplicationRole.SECONDARY);
      operations.start(request.action(), where, ROLE,
          () -> links.createWithResponseAsync(cache.resourceGroup(), cache.name(), linked, body));
    }
    RedisLinkedServerWithPropertiesInner after = find(links, cache, linked, where);
    if (after == null || !linkedId.equalsIgnoreCase(after.linkedRedisCacheId())) {
      throw AzureCall.notConverged("cache " + cache.name() + " does not link to " + linked + " after the link request");
    }
    return ActionResult.changed("geo-replication link " + cache.name() + " -> " + linked + " restored");
  }

  /** The step's parameter, else the inventory's properties.linkedServer. */
  private static String linkedServer(ActionRequest request) {
    String name = Params.optionalString(request, "linkedServer");
    Object fromInventory = request.target().properties() == null ? null : request.target().properties().get("linkedServer");
    if (name == null && fromInventory != null) name = fromInventory.toString();
    if (name == null) throw Params.bad(request, "linkedServer", "is required (or set properties.linkedServer in the inventory)");
    return name;
  }

  private static RedisLinkedServerWithPropertiesInner find(LinkedServersClient links, ArmId cache, String linked, String where) {
    try {
      return links.getWithResponse(cache.resourceGroup(), cache.name(), linked, Context.NONE).getValue();
    } catch (ManagementException e) {
      if (e.getResponse() != null && e.getResponse().getStatusCode() == 404) return null;
      throw ArmFailures.translate(e, where, ROLE);
    } catch (RuntimeException e) {
      throw ArmFailures.translate(e, where, ROLE);
    }
  }

  private LinkedServersClient links(ArmId cache) {
    return clients.redis(cache.subscription()).serviceClient().getLinkedServers();
  }
}
