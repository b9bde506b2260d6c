package dev.continuity.activities;

import static dev.continuity.activities.ActivityHarness.SUB;
import static dev.continuity.activities.CannedArm.example;
import static dev.continuity.activities.CannedArm.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuity.model.Json;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.Facts;
import dev.continuity.model.actions.PostgresActions;
import dev.continuity.model.plan.ResourceRef;
import io.temporal.failure.ApplicationFailure;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostgresActivitiesTest {
  static final Instant NOW = Instant.parse("2026-11-21T18:00:00Z");
  static final String PRIMARY = "/subscriptions/" + SUB + "/resourceGroups/rg-data/providers/Microsoft.DBforPostgreSQL/flexibleServers/pg-east";
  static final String REPLICA = "/subscriptions/" + SUB + "/resourceGroups/rg-data/providers/Microsoft.DBforPostgreSQL/flexibleServers/pg-west";
  static final String OP_PATH = "/subscriptions/" + SUB + "/providers/Microsoft.DBforPostgreSQL/locations/westus2/azureAsyncOperation/op-1";
  static final String RESULT_PATH = "/subscriptions/" + SUB + "/providers/Microsoft.DBforPostgreSQL/locations/westus2/operationResults/op-1";

  CannedArm arm;
  ActivityHarness harness;
  PostgresActions actions;

  @BeforeEach
  void setUp() throws Exception {
    arm = new CannedArm();
    harness = new ActivityHarness(arm);
    harness.register(new PostgresActivities(harness.clients, harness.config, Clock.fixed(NOW, ZoneOffset.UTC)));
    actions = harness.stub(PostgresActions.class);
  }

  @AfterEach
  void tearDown() {
    harness.close();
    arm.close();
  }

  /** Azure's ServersGet example, as the replica (or as a primary). */
  static String server(String role) {
    ObjectNode body = example("postgresql/2025-08-01/ServersGet.json", "200");
    body.put("id", REPLICA).put("name", "pg-west").put("location", "West US 2");
    ObjectNode p = (ObjectNode) body.path("properties");
    p.put("replicationRole", role);
    ((ObjectNode) p.path("replica")).put("role", role).put("replicationState", role.equals("Primary") ? null : "Active");
    if (!role.equals("Primary")) p.put("sourceServerResourceId", PRIMARY);
    return json(body);
  }

  /** The request body of one of Azure's promote examples. */
  static JsonNode exampleRequest(String file) throws Exception {
    try (InputStream in = getClass(file)) {
      return Json.MAPPER.readTree(in).path("parameters").path("parameters");
    }
  }

  private static InputStream getClass(String file) {
    return PostgresActivitiesTest.class.getResourceAsStream("/arm-examples/postgresql/2025-08-01/" + file);
  }

  private void acceptPatch() {
    arm.on("PATCH", REPLICA, CannedArm.accepted(Map.of("Azure-AsyncOperation", arm.url(OP_PATH + "?api-version=2025-08-01"),
        "Location", arm.url(RESULT_PATH + "?api-version=2025-08-01"), "Retry-After", "0")));
    arm.on("GET", OP_PATH, CannedArm.ok("{\"status\":\"InProgress\"}"), CannedArm.ok("{\"status\":\"Succeeded\"}"));
  }

  @Test
  void unplannedFailoverForcesASwitchoverAsAzuresExampleDoes() throws Exception {
    arm.on("GET", REPLICA, CannedArm.ok(server("GeoAsyncReplica")), CannedArm.ok(server("Primary")));
    acceptPatch();

    ActionResult result = actions.promoteReplica(ActivityHarness.request("postgres.promoteReplica",
        new ResourceRef("pg", "postgresFlexibleServer", REPLICA, "westus2", Map.of()), Map.of(), "eastus2", "westus2", false));

    assertTrue(result.changed(), result.message());
    CannedArm.Recorded patch = arm.requests("PATCH").get(0);
    assertEquals(REPLICA, patch.path());
    assertEquals("2025-08-01", patch.apiVersion());
    assertEquals(exampleRequest("ServersPromoteReplicaAsForcedSwitchover.json"), patch.json(),
        "the body is exactly Azure's forced-switchover example: " + patch.body());
    assertEquals(2, arm.requests().stream().filter(r -> r.path().equals(OP_PATH)).count());
    assertEquals("forced", result.facts().get("promoteOption"));
  }

  @Test
  void plannedStandalonePromotionSendsAzuresPlannedStandaloneBody() throws Exception {
    arm.on("GET", REPLICA, CannedArm.ok(server("AsyncReplica")), CannedArm.ok(server("Primary")));
    acceptPatch();

    actions.promoteReplica(ActivityHarness.request("postgres.promoteReplica", "postgresFlexibleServer", REPLICA,
        Map.of("mode", "Standalone", "option", "planned")));

    assertEquals(exampleRequest("ServersPromoteReplicaAsPlannedStandaloneServer.json"), arm.requests("PATCH").get(0).json());
  }

  @Test
  void aServerThatIsPrimaryIsNotPromotedAgain() {
    arm.on("GET", REPLICA, CannedArm.ok(server("Primary")));

    ActionResult result = actions.promoteReplica(ActivityHarness.request("postgres.promoteReplica", "postgresFlexibleServer", REPLICA, Map.of()));

    assertFalse(result.changed());
    assertTrue(arm.mutations().isEmpty(), arm.requests().toString());
  }

  @Test
  void resumedAttemptPollsTheRecordedOperationWithoutPatchingAgain() {
    arm.on("GET", REPLICA, CannedArm.ok(server("Primary")));
    arm.on("GET", OP_PATH, CannedArm.ok("{\"status\":\"InProgress\"}"), CannedArm.ok("{\"status\":\"Succeeded\"}"));
    harness.env.setHeartbeatDetails(new OperationCheckpoint("postgres.promoteReplica", REPLICA,
        arm.url(OP_PATH + "?api-version=2025-08-01"), OperationCheckpoint.ASYNC_OPERATION));

    ActionResult result = actions.promoteReplica(ActivityHarness.request("postgres.promoteReplica", "postgresFlexibleServer", REPLICA, Map.of()));

    assertTrue(result.changed());
    assertTrue(arm.mutations().isEmpty(), "no second promotion after a crash: " + arm.requests());
    assertEquals(2, arm.requests().stream().filter(r -> r.path().equals(OP_PATH)).count());
  }

  @Test
  void failedPromotionIsRetryableAndNamesAzuresError() {
    arm.on("GET", REPLICA, CannedArm.ok(server("GeoAsyncReplica")));
    acceptPatch();
    arm.on("GET", OP_PATH, CannedArm.ok("{\"status\":\"Failed\",\"error\":{\"code\":\"SourceServerUnavailable\",\"message\":\"primary unreachable\"}}"));

    ApplicationFailure f = ActivityHarness.failure(() -> actions.promoteReplica(ActivityHarness.request(
        "postgres.promoteReplica", "postgresFlexibleServer", REPLICA, Map.of("option", "planned"))));

    assertEquals("OperationFailed", f.getType());
    assertFalse(f.isNonRetryable());
    assertTrue(f.getOriginalMessage().contains("SourceServerUnavailable"), f.getOriginalMessage());
  }

  @Test
  void unknownModeFailsForGoodWithoutCallingAzure() {
    ApplicationFailure f = ActivityHarness.failure(() -> actions.promoteReplica(ActivityHarness.request(
        "postgres.promoteReplica", "postgresFlexibleServer", REPLICA, Map.of("mode", "failover"))));

    assertEquals("InvalidParameter", f.getType());
    assertTrue(f.isNonRetryable());
    assertTrue(f.getOriginalMessage().contains("switchover, standalone"), f.getOriginalMessage());
    assertTrue(arm.requests().isEmpty());
  }

  @Test
  void forbiddenIsNotRetriedAndNamesTheRole() {
    arm.on("GET", REPLICA, CannedArm.status(403, Map.of(), CannedArm.armError("AuthorizationFailed", "no access")));

    ApplicationFailure f = ActivityHarness.failure(() -> actions.promoteReplica(ActivityHarness.request(
        "postgres.promoteReplica", "postgresFlexibleServer", REPLICA, Map.of())));

    assertEquals(ArmFailures.AUTHORIZATION_FAILED, f.getType());
    assertTrue(f.isNonRetryable());
    assertTrue(f.getOriginalMessage().contains("Microsoft.DBforPostgreSQL/flexibleServers/write"), f.getOriginalMessage());
  }

  @Test
  void throttledPatchWaitsAsAzureAsks() {
    arm.on("GET", REPLICA, CannedArm.ok(server("GeoAsyncReplica")));
    arm.on("PATCH", REPLICA, CannedArm.status(429, Map.of("Retry-After", "9"), CannedArm.armError("TooManyRequests", "slow down")));

    ApplicationFailure f = ActivityHarness.failure(() -> actions.promoteReplica(ActivityHarness.request(
        "postgres.promoteReplica", "postgresFlexibleServer", REPLICA, Map.of())));

    assertEquals(ArmFailures.THROTTLED, f.getType());
    assertEquals(Duration.ofSeconds(9), f.getNextRetryDelay());
    assertEquals(1, arm.requests("PATCH").size(), "the SDK itself must not retry");
  }

  @Test
  void serverErrorIsRetryable() {
    arm.on("GET", REPLICA, CannedArm.status(500, Map.of(), CannedArm.armError("InternalServerError", "boom")));

    ApplicationFailure f = ActivityHarness.failure(() -> actions.readReplicationLag(ActivityHarness.request(
        "postgres.readReplicationLag", "postgresFlexibleServer", REPLICA, Map.of())));

    assertEquals(ArmFailures.SERVER_ERROR, f.getType());
    assertFalse(f.isNonRetryable());
  }

  @Test
  void replicationLagIsTheWorstRecentDelayOfTheReplica() {
    arm.on("GET", REPLICA, CannedArm.ok(server("GeoAsyncReplica")));
    arm.on("GET", REPLICA + "/providers/Microsoft.Insights/metrics", CannedArm.ok("""
        {"value":[{"name":{"value":"physical_replication_delay_in_seconds"},"unit":"Seconds","timeseries":[{"data":[
          {"timeStamp":"2026-11-21T17:56:00Z","maximum":2.0},{"timeStamp":"2026-11-21T17:57:00Z","maximum":7.5}]}]}]}
        """));

    ActionResult result = actions.readReplicationLag(ActivityHarness.request("postgres.readReplicationLag",
        "postgresFlexibleServer", REPLICA, Map.of()));

    assertFalse(result.changed());
    assertEquals(8L, ((Number) result.facts().get(Facts.EXPECTED_DATA_LOSS_SECONDS)).longValue());
    assertEquals(NOW.minusMillis(7500).toString(), result.facts().get(Facts.LAST_SYNC_TIME));
    assertEquals("GeoAsyncReplica", result.facts().get("replicationRole"));
    assertEquals(PRIMARY, result.facts().get("sourceServer"));
    CannedArm.Recorded metrics = arm.requests().stream().filter(r -> r.path().endsWith("/metrics")).findFirst().orElseThrow();
    assertEquals("physical_replication_delay_in_seconds", metrics.query().get("metricnames"));
    assertEquals("2025-08-01", arm.requests().get(0).apiVersion());
  }

  @Test
  void aPrimaryHasNoLagToReport() {
    arm.on("GET", REPLICA, CannedArm.ok(server("Primary")));

    ActionResult result = actions.readReplicationLag(ActivityHarness.request("postgres.readReplicationLag",
        "postgresFlexibleServer", REPLICA, Map.of()));

    assertFalse(result.facts().containsKey(Facts.EXPECTED_DATA_LOSS_SECONDS));
    assertTrue(arm.requests().stream().noneMatch(r -> r.path().endsWith("/metrics")));
  }
}
