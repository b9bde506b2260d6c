package dev.continuity.activities;

import com.fasterxml.jackson.databind.JsonNode;
import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.Facts;
import dev.continuity.model.actions.MySqlActions;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * MySQL flexible server replicas. Stopping replication (a PATCH of {@code replicationRole: None} on
 * the replica) turns the replica into a standalone read-write server; it cannot be undone, so the
 * action only ever acts on a server that still is a replica. A failback therefore re-creates replicas
 * (PUT with createMode Replica) after deleting the stale server of the same name; neither overwrites
 * nor deletes a server that replicates or holds the only copy of the data.
 */
public final class MySqlActivities implements MySqlActions {
  static final String ROLE = "Contributor (or a role with Microsoft.DBforMySQL/flexibleServers/read, write and delete) "
      + "on the servers' resource group";
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
    String source = null;
    if (!resumedPending(request, id)) {
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
    String expected = Params.optionalString(request, "expectRole");
    if (expected != null) {
      String state = GenericArm.text(props, "state");
      if (!expected.equalsIgnoreCase(role) || (state != null && !state.equalsIgnoreCase("Ready"))) {
        throw AzureCall.notConverged("server " + id.name() + " is " + role + " (" + state + "), expected " + expected + " and Ready");
      }
    }
    if (!isReplica(role)) {
      return new ActionResult(false, "server " + id.name() + " is not a replica (" + role + ")"
          + (expected == null ? "" : ", and Ready as expected"), facts);
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

  @Override
  public ActionResult createReplica(ActionRequest request) {
    ArmId id = ArmId.of(request);
    String given = Params.optionalString(request, "source");
    if (given == null && request.target().properties() != null && request.target().properties().get("sourceServer") != null) {
      given = request.target().properties().get("sourceServer").toString();
    }
    if (given == null || given.isBlank()) {
      throw Params.bad(request, "source", "is required (the target has no properties.sourceServer to default to)");
    }
    String sourceId = sibling(id, given);
    String sourceName = ArmId.parse(sourceId).name();
    boolean resumed = resumedPending(request, id);
    if (!resumed) {
      Optional<JsonNode> existing = find(id);
      if (existing.isPresent()) {
        JsonNode props = existing.get();
        String role = GenericArm.text(props, "replicationRole");
        String source = GenericArm.text(props, "sourceServerResourceId");
        if (!isReplica(role) || !sourceId.equalsIgnoreCase(source)) {
          // Azure cannot turn an existing server into a replica; overwriting it would lose what it holds.
          throw ApplicationFailure.newNonRetryableFailure("server " + id.name() + " exists and is not a replica of " + sourceName
              + " (role " + role + (source == null ? "" : ", source " + ArmId.parse(source).name())
              + "): delete it first (mysql.deleteServer) if its data lives on elsewhere", ArmFailures.INVALID_REQUEST);
        }
        requireReady(id, props);
        return ActionResult.unchanged("server " + id.name() + " is a replica of " + sourceName + " already");
      }
      String location = request.target().region();
      if (location == null || location.isBlank()) {
        throw ApplicationFailure.newNonRetryableFailure("step " + request.stepId() + ": target " + request.target().name()
            + " has no region to create the replica in", "InvalidTarget");
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("createMode", "Replica");
      body.put("sourceServerResourceId", sourceId);
      operations.start(request.action(), id.id(), ROLE, GenericArm.put(clients, id, API_VERSION, location, body));
    }
    JsonNode after = GenericArm.properties(clients, id, API_VERSION, ROLE);
    String role = GenericArm.text(after, "replicationRole");
    if (!isReplica(role) || !sourceId.equalsIgnoreCase(GenericArm.text(after, "sourceServerResourceId"))) {
      throw AzureCall.notConverged("server " + id.name() + " is " + role + " after creating it as a replica of " + sourceName);
    }
    requireReady(id, after);
    return new ActionResult(true, "created " + id.name() + " as a replica of " + sourceName + (resumed ? " (resumed operation)" : ""),
        Map.of("replicationRole", role, "sourceServer", sourceId));
  }

  @Override
  public ActionResult deleteServer(ActionRequest request) {
    ArmId id = ArmId.of(request);
    String keeperId = sibling(id, Params.string(request, "replacedBy"));
    String keeper = ArmId.parse(keeperId).name();
    if (keeperId.equalsIgnoreCase(id.id())) throw Params.bad(request, "replacedBy", "names the target itself");
    boolean resumed = resumedPending(request, id);
    if (!resumed) {
      Optional<JsonNode> existing = find(id);
      if (existing.isEmpty()) return ActionResult.unchanged("server " + id.name() + " does not exist (deleted already)");
      String role = GenericArm.text(existing.get(), "replicationRole");
      if (isReplica(role) || "source".equalsIgnoreCase(role)) {
        throw ApplicationFailure.newNonRetryableFailure("server " + id.name() + " is a " + role
            + " in a replication: it is not deleted while it replicates", ArmFailures.INVALID_REQUEST);
      }
      Optional<JsonNode> other = find(ArmId.parse(keeperId));
      String otherRole = other.map(p -> GenericArm.text(p, "replicationRole")).orElse(null);
      if (other.isEmpty() || isReplica(otherRole)) {
        throw ApplicationFailure.newNonRetryableFailure("server " + id.name() + " is not deleted: " + keeper
            + (other.isEmpty() ? " does not exist" : " is a " + otherRole + ", not a server that takes writes"), ArmFailures.INVALID_REQUEST);
      }
      operations.start(request.action(), id.id(), ROLE, GenericArm.delete(clients, id, API_VERSION));
    }
    if (find(id).isPresent()) {
      throw AzureCall.notConverged("server " + id.name() + " still exists after deleting it");
    }
    return new ActionResult(true, "deleted " + id.name() + "; its data lives on in " + keeper + (resumed ? " (resumed operation)" : ""),
        Map.of("deleted", id.id()));
  }

  /**
   * Resumes the long-running operation an earlier attempt of this action started on {@code id}, if
   * there is one (DESIGN rule 4); true when it did, so the caller neither observes nor starts anew.
   */
  private boolean resumedPending(ActionRequest request, ArmId id) {
    var pending = ResumableOperation.pending(request.action(), id.id());
    pending.ifPresent(p -> operations.resume(p, ROLE));
    return pending.isPresent();
  }

  /** The server's properties, or empty when it does not exist. */
  private Optional<JsonNode> find(ArmId id) {
    return GenericArm.find(clients, id, API_VERSION, ROLE);
  }

  /** A server of the same resource group by name, or an ARM ID as given. */
  private static String sibling(ArmId of, String nameOrId) {
    String v = nameOrId.trim();
    if (v.startsWith("/")) return v;
    return of.id().substring(0, of.id().lastIndexOf('/') + 1) + v;
  }

  private static void requireReady(ArmId id, JsonNode props) {
    String state = GenericArm.text(props, "state");
    if (state != null && !state.equalsIgnoreCase("Ready")) {
      throw AzureCall.notConverged("replica " + id.name() + " is " + state + ", not Ready yet");
    }
  }

  private static boolean isReplica(String role) {
    return role != null && role.toLowerCase(Locale.ROOT).contains("replica");
  }
}
