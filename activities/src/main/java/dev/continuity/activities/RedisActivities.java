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

  /**
   * The link is removed from the geo-replica's side: the replica is the cache that must take writes,
   * and its region is the one still up when the primary's region is down.
   */
  @Override
  public ActionResult removeGeoReplicationLink(ActionRequest request) {
    ArmId primary = ArmId.of(request);
    String linked = linkedServer(request);
    String replicaId = Params.optionalString(request, "linkedServerId");
    ArmId replica = replicaId != null ? ArmId.parse(replicaId) : ArmId.parse(sibling(primary, linked));
    LinkedServersClient links = links(replica);
    String where = replica + "/linkedServers/" + primary.name();
    var pending = ResumableOperation.pending(request.action(), where);
    if (pending.isPresent()) {
      operations.resume(pending.get(), ROLE);
    } else {
      if (find(links, replica, primary.name(), where) == null) {
        return ActionResult.unchanged("cache " + replica.name() + " has no link to " + primary.name());
      }
      operations.start(request.action(), where, ROLE,
          () -> links.deleteWithResponseAsync(replica.resourceGroup(), replica.name(), primary.name()));
    }
    if (find(links, replica, primary.name(), where) != null) {
      throw AzureCall.notConverged("cache " + replica.name() + " still links to " + primary.name() + " after the unlink");
    }
    return ActionResult.changed("geo-replication link " + primary.name() + " -> " + replica.name() + " removed; "
        + replica.name() + " takes writes");
  }

  /** The ID of a cache of the same resource group. */
  private static String sibling(ArmId cache, String name) {
    return cache.id().substring(0, cache.id().lastIndexOf('/') + 1) + name;
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
