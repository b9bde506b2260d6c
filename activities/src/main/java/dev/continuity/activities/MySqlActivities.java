package dev.continuity.activities;

import com.fasterxml.jackson.databind.JsonNode;
import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.Facts;
import dev.continuity.model.actions.MySqlActions;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MySQL flexible server replicas. Stopping replication (a PATCH of {@code replicationRole: None} on
 * the replica) turns the replica into a standalone read-write server; it cannot be undone, so the
 * action only ever acts on a server that still is a replica.
 */
public final class MySqlActivities implements MySqlActions {
  static final String ROLE = "Contributor (or a role with Microsoft.DBforMySQL/flexibleServers/write) on the replica";
  /** The api-version of Azure's MySQL flexible server examples (Servers_Update is an LRO there). */
  static final String API_VERSION = "2024-12-30";
  /** Azure Monitor metric of a replica's lag behind its source, in seconds. */
  static final String LAG_METRIC = "replication_lag";

  private final AzureClients clients;
  private final ResumableOperation operations;
  private final Clock clock;

  public MySqlActivities(AzureClients clients, ActivitiesConfig config) {
    this(clients, config, Clock.systemUTC());
  }

  MySqlActivities(AzureClients clients, ActivitiesConfig config, Clock clock) {
    this.clients = clients;
    this.operations = new ResumableOperation(clients.pipeline(), config);
    this.clock = clock;
  }

  @Override
  public ActionResult stopReplication(ActionRequest request) {
    ArmId id = ArmId.of(request);
    var pending = ResumableOperation.pending(request.action(), id.id());
    String source = null;
    if (pending.isPresent()) {
      operations.resume(pending.get(), ROLE);
    } else {
      JsonNode props = GenericArm.properties(clients, id, API_VERSION, ROLE);
      String role = GenericArm.text(props, "replicationRole");
      if (!isReplica(role)) {
        return ActionResult.unchanged("server " + id.name() + " is not a replica (" + role + "): it takes writes already");
      }
      source = GenericArm.text(props, "sourceServerResourceId");
      operations.start(request.action(), id.id(), ROLE,
          GenericArm.patch(clients, id, API_VERSION, Map.of("replicationRole", "None")));
    }
    String after = GenericArm.text(GenericArm.properties(clients, id, API_VERSION, ROLE), "replicationRole");
    if (isReplica(after)) {
      throw AzureCall.notConverged("server " + id.name() + " is still " + after + " after stopping replication");
    }
    return new ActionResult(true, "replication stopped on " + id.name()
        + (source == null ? " (resumed operation)" : " (was replica of " + ArmId.parse(source).name() + ")")
        + ": it takes writes", Map.of("replicationRole", after == null ? "None" : after));
  }

  @Override
  public ActionResult readReplicationState(ActionRequest request) {
    ArmId id = ArmId.of(request);
    JsonNode props = GenericArm.properties(clients, id, API_VERSION, ROLE);
    String role = GenericArm.text(props, "replicationRole");
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("replicationRole", role);
    facts.put("sourceServer", GenericArm.text(props, "sourceServerResourceId"));
    facts.put("state", GenericArm.text(props, "state"));
    if (!isReplica(role)) {
      return new ActionResult(false, "server " + id.name() + " is not a replica (" + role + ")", facts);
    }
    Instant now = clock.instant();
    Double lag = ReplicaLagMetric.maxSeconds(clients, id, LAG_METRIC, now);
    if (lag == null) {
      return new ActionResult(false, "replica " + id.name() + "; replication lag unknown (no " + LAG_METRIC + " data)", facts);
    }
    long seconds = (long) Math.ceil(lag);
    facts.put(Facts.EXPECTED_DATA_LOSS_SECONDS, seconds);
    facts.put(Facts.LAST_SYNC_TIME, now.minusMillis((long) (lag * 1000)).toString());
    return new ActionResult(false, "replica " + id.name() + " trails its source by " + seconds + " s", facts);
  }

  private static boolean isReplica(String role) {
    return role != null && role.toLowerCase(java.util.Locale.ROOT).contains("replica");
  }
}
