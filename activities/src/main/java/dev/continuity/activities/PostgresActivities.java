package dev.continuity.activities;

import com.fasterxml.jackson.databind.JsonNode;
import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.Facts;
import dev.continuity.model.actions.PostgresActions;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * PostgreSQL flexible server read replicas: promotion of the replica in the target region, and how
 * far it trails its primary.
 *
 * <p>Promotion is a PATCH of {@code properties.replica.promoteMode/promoteOption} on the replica; a
 * switchover turns the old primary into the replica of the new one, so failback is the same action
 * on the other server. A server that already is a primary is left alone, which makes the action safe
 * to repeat.
 */
public final class PostgresActivities implements PostgresActions {
  static final String ROLE = "Contributor (or a role with Microsoft.DBforPostgreSQL/flexibleServers/write) on both servers";
  /** The first stable api-version with promoteMode/promoteOption is 2024-08-01; Azure's examples are at 2025-08-01. */
  static final String API_VERSION = "2025-08-01";
  /** Azure Monitor metric of a replica's lag behind its primary, in seconds. */
  static final String LAG_METRIC = "physical_replication_delay_in_seconds";

  private final AzureClients clients;
  private final ResumableOperation operations;
  private final Clock clock;

  public PostgresActivities(AzureClients clients, ActivitiesConfig config) {
    this(clients, config, Clock.systemUTC());
  }

  PostgresActivities(AzureClients clients, ActivitiesConfig config, Clock clock) {
    this.clients = clients;
    this.operations = new ResumableOperation(clients.pipeline(), config);
    this.clock = clock;
  }

  @Override
  public ActionResult promoteReplica(ActionRequest request) {
    ArmId id = ArmId.of(request);
    String mode = choice(request, "mode", "switchover", "switchover", "standalone");
    String option = choice(request, "option", request.planned() ? "planned" : "forced", "planned", "forced");
    var pending = ResumableOperation.pending(request.action(), id.id());
    String before = null;
    if (pending.isPresent()) {
      operations.resume(pending.get(), ROLE);
    } else {
      JsonNode props = GenericArm.properties(clients, id, API_VERSION, ROLE);
      before = role(props);
      if (isPrimary(before)) {
        return ActionResult.unchanged("server " + id.name() + " is already primary (" + before + ")");
      }
      Map<String, Object> replica = new LinkedHashMap<>();
      replica.put("promoteMode", capitalized(mode));
      replica.put("promoteOption", capitalized(option));
      operations.start(request.action(), id.id(), ROLE,
          GenericArm.patch(clients, id, API_VERSION, Map.of("replica", replica)));
    }
    String after = role(GenericArm.properties(clients, id, API_VERSION, ROLE));
    if (!isPrimary(after)) {
      throw AzureCall.notConverged("server " + id.name() + " is " + after + ", not primary, after the " + option + " " + mode);
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("replicationRole", after);
    facts.put("promoteMode", mode);
    facts.put("promoteOption", option);
    return new ActionResult(true, option + " " + mode + " promotion of " + id.name()
        + (before == null ? " (resumed operation)" : " from " + before) + ": now " + after, facts);
  }

  @Override
  public ActionResult readReplicationLag(ActionRequest request) {
    ArmId id = ArmId.of(request);
    JsonNode props = GenericArm.properties(clients, id, API_VERSION, ROLE);
    String role = role(props);
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("replicationRole", role);
    facts.put("replicationState", GenericArm.text(props, "replica", "replicationState"));
    facts.put("sourceServer", GenericArm.text(props, "sourceServerResourceId"));
    if (isPrimary(role)) {
      return new ActionResult(false, "server " + id.name() + " is a primary (" + role + "): nothing to lose by promoting it", facts);
    }
    Instant now = clock.instant();
    Double lag = ReplicaLagMetric.maxSeconds(clients, id, LAG_METRIC, now);
    if (lag == null) {
      return new ActionResult(false, "replica " + id.name() + " (" + role + "); replication lag unknown (no " + LAG_METRIC
          + " data)", facts);
    }
    long seconds = (long) Math.ceil(lag);
    facts.put(Facts.EXPECTED_DATA_LOSS_SECONDS, seconds);
    facts.put(Facts.LAST_SYNC_TIME, now.minusMillis((long) (lag * 1000)).toString());
    return new ActionResult(false, "replica " + id.name() + " trails its primary by " + seconds + " s", facts);
  }

  /** replicationRole, or replica.role where only the newer field is set. */
  static String role(JsonNode props) {
    String role = GenericArm.text(props, "replicationRole");
    return role != null ? role : GenericArm.text(props, "replica", "role");
  }

  /** A server that is not some kind of replica takes writes. */
  private static boolean isPrimary(String role) {
    return role == null || role.equalsIgnoreCase("Primary") || role.equalsIgnoreCase("None");
  }

  private static String choice(ActionRequest request, String name, String dflt, String... allowed) {
    String v = Params.optionalString(request, name);
    if (v == null) return dflt;
    for (String a : allowed) if (a.equalsIgnoreCase(v)) return a;
    throw Params.bad(request, name, "must be one of " + String.join(", ", allowed) + ", got '" + v + "'");
  }

  private static String capitalized(String s) {
    return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }
}
