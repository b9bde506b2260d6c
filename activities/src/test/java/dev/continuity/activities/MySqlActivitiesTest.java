package dev.continuity.activities;

import static dev.continuity.activities.ActivityHarness.SUB;
import static dev.continuity.activities.CannedArm.example;
import static dev.continuity.activities.CannedArm.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuity.model.Json;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.Facts;
import dev.continuity.model.actions.MySqlActions;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MySqlActivitiesTest {
  static final Instant NOW = Instant.parse("2026-11-21T18:00:00Z");
  static final String SOURCE = "/subscriptions/" + SUB + "/resourceGroups/rg-data/providers/Microsoft.DBforMySQL/flexibleServers/mysql-east";
  static final String REPLICA = "/subscriptions/" + SUB + "/resourceGroups/rg-data/providers/Microsoft.DBforMySQL/flexibleServers/mysql-west";
  static final String OP_PATH = "/subscriptions/" + SUB + "/providers/Microsoft.DBforMySQL/locations/westus2/azureAsyncOperation/op-1";
  static final String RESULT_PATH = "/subscriptions/" + SUB + "/providers/Microsoft.DBforMySQL/locations/westus2/operationResults/op-1";

  CannedArm arm;
  ActivityHarness harness;
  MySqlActions actions;

  @BeforeEach
  void setUp() throws Exception {
    arm = new CannedArm();
    harness = new ActivityHarness(arm);
    harness.register(new MySqlActivities(harness.clients, harness.config, Clock.fixed(NOW, ZoneOffset.UTC)));
    actions = harness.stub(MySqlActions.class);
  }

  @AfterEach
  void tearDown() {
    harness.close();
    arm.close();
  }

  /** Azure's ServerGet example as the replica. */
  static String server(String role) {
    ObjectNode body = example("mysql/2024-12-30/ServerGet.json", "200");
    body.put("id", REPLICA).put("name", "mysql-west").put("location", "West US 2");
    ObjectNode p = (ObjectNode) body.path("properties");
    p.put("replicationRole", role);
    if (role.equals("Replica")) p.put("sourceServerResourceId", SOURCE);
    return json(body);
  }

  @Test
  void stopsReplicationWithAPatchOfTheRoleAndFollowsTheOperation() throws Exception {
    arm.on("GET", REPLICA, CannedArm.ok(server("Replica")), CannedArm.ok(server("None")));
    // Azure's ServerUpdate example: 202 with both poll headers
    arm.on("PATCH", REPLICA, CannedArm.accepted(Map.of("Azure-AsyncOperation", arm.url(OP_PATH + "?api-version=2024-12-30"),
        "Location", arm.url(RESULT_PATH + "?api-version=2024-12-30"), "Retry-After", "0")));
    arm.on("GET", OP_PATH, CannedArm.ok("{\"status\":\"InProgress\"}"), CannedArm.ok("{\"status\":\"Succeeded\"}"));

    ActionResult result = actions.stopReplication(ActivityHarness.request("mysql.stopReplication", "mysqlFlexibleServer", REPLICA, Map.of()));

    assertTrue(result.changed(), result.message());
    assertTrue(result.message().contains("mysql-east"), result.message());
    CannedArm.Recorded patch = arm.requests("PATCH").get(0);
    assertEquals(REPLICA, patch.path());
    assertEquals("2024-12-30", patch.apiVersion());
    assertEquals(Json.MAPPER.readTree("{\"properties\":{\"replicationRole\":\"None\"}}"), patch.json(), patch.body());
    assertEquals(2, arm.requests().stream().filter(r -> r.path().equals(OP_PATH)).count());
  }

  @Test
  void aStandaloneServerIsLeftAlone() {
    arm.on("GET", REPLICA, CannedArm.ok(server("None")));

    assertFalse(actions.stopReplication(ActivityHarness.request("mysql.stopReplication", "mysqlFlexibleServer", REPLICA, Map.of())).changed());
    assertTrue(arm.mutations().isEmpty());
  }

  @Test
  void resumedAttemptPollsTheRecordedOperationWithoutPatchingAgain() {
    arm.on("GET", REPLICA, CannedArm.ok(server("None")));
    arm.on("GET", RESULT_PATH, CannedArm.accepted(Map.of("Retry-After", "0")), CannedArm.ok(server("None")));
    harness.env.setHeartbeatDetails(new OperationCheckpoint("mysql.stopReplication", REPLICA,
        arm.url(RESULT_PATH + "?api-version=2024-12-30"), OperationCheckpoint.LOCATION));

    ActionResult result = actions.stopReplication(ActivityHarness.request("mysql.stopReplication", "mysqlFlexibleServer", REPLICA, Map.of()));

    assertTrue(result.changed());
    assertTrue(arm.mutations().isEmpty(), arm.requests().toString());
    assertEquals(2, arm.requests().stream().filter(r -> r.path().equals(RESULT_PATH)).count());
  }

  @Test
  void rejectedPatchIsNotRetried() {
    arm.on("GET", REPLICA, CannedArm.ok(server("Replica")));
    arm.on("PATCH", REPLICA, CannedArm.status(400, Map.of(), CannedArm.armError("InvalidParameterValue", "bad role")));

    ApplicationFailure f = ActivityHarness.failure(() -> actions.stopReplication(ActivityHarness.request(
        "mysql.stopReplication", "mysqlFlexibleServer", REPLICA, Map.of())));

    assertEquals(ArmFailures.INVALID_REQUEST, f.getType());
    assertTrue(f.isNonRetryable());
    assertTrue(f.getOriginalMessage().contains("bad role"), f.getOriginalMessage());
  }

  @Test
  void forbiddenIsNotRetried() {
    arm.on("GET", REPLICA, CannedArm.status(403, Map.of(), CannedArm.armError("AuthorizationFailed", "no access")));

    ApplicationFailure f = ActivityHarness.failure(() -> actions.readReplicationState(ActivityHarness.request(
        "mysql.readReplicationState", "mysqlFlexibleServer", REPLICA, Map.of())));

    assertEquals(ArmFailures.AUTHORIZATION_FAILED, f.getType());
    assertTrue(f.isNonRetryable());
  }

  @Test
  void throttledReadIsRetriedAfterRetryAfter() {
    arm.on("GET", REPLICA, CannedArm.status(429, Map.of("Retry-After", "4"), CannedArm.armError("TooManyRequests", "slow down")));

    ApplicationFailure f = ActivityHarness.failure(() -> actions.readReplicationState(ActivityHarness.request(
        "mysql.readReplicationState", "mysqlFlexibleServer", REPLICA, Map.of())));

    assertEquals(ArmFailures.THROTTLED, f.getType());
    assertEquals(java.time.Duration.ofSeconds(4), f.getNextRetryDelay());
  }

  @Test
  void serverErrorOnTheOperationStatusKeepsPollingTheSameOperation() {
    arm.on("GET", REPLICA, CannedArm.ok(server("Replica")), CannedArm.ok(server("None")));
    arm.on("PATCH", REPLICA, CannedArm.accepted(Map.of("Azure-AsyncOperation", arm.url(OP_PATH), "Retry-After", "0")));
    arm.on("GET", OP_PATH, CannedArm.status(500, Map.of(), ""), CannedArm.ok("{\"status\":\"Succeeded\"}"));

    assertTrue(actions.stopReplication(ActivityHarness.request("mysql.stopReplication", "mysqlFlexibleServer", REPLICA, Map.of())).changed());
    assertEquals(1, arm.requests("PATCH").size());
  }

  @Test
  void replicationStateReportsTheLagOfTheReplica() {
    arm.on("GET", REPLICA, CannedArm.ok(server("Replica")));
    arm.on("GET", REPLICA + "/providers/Microsoft.Insights/metrics", CannedArm.ok("""
        {"value":[{"name":{"value":"replication_lag"},"unit":"Seconds","timeseries":[{"data":[
          {"timeStamp":"2026-11-21T17:58:00Z","maximum":3.0},{"timeStamp":"2026-11-21T17:59:00Z","maximum":1.0}]}]}]}
        """));

    ActionResult result = actions.readReplicationState(ActivityHarness.request("mysql.readReplicationState",
        "mysqlFlexibleServer", REPLICA, Map.of()));

    assertEquals(3L, ((Number) result.facts().get(Facts.EXPECTED_DATA_LOSS_SECONDS)).longValue());
    assertEquals(NOW.minusSeconds(3).toString(), result.facts().get(Facts.LAST_SYNC_TIME));
    assertEquals("Replica", result.facts().get("replicationRole"));
    assertEquals(SOURCE, result.facts().get("sourceServer"));
    assertEquals("replication_lag", arm.requests().stream().filter(r -> r.path().endsWith("/metrics")).findFirst()
        .orElseThrow().query().get("metricnames"));
  }

  
  /** The ServerGet example as a server of the given name, role and source. */
  static String named(String id, String role, String source) {
    ObjectNode body = example("mysql/2024-12-30/ServerGet.json", "200");
    body.put("id", id).put("name", id.substring(id.lastIndexOf('/') + 1));
    ObjectNode p = (ObjectNode) body.path("properties");
    p.put("replicationRole", role);
    if (source != null) p.put("sourceServerResourceId", source);
    else p.remove("sourceServerResourceId");
    return json(body);
  }

  static CannedArm.Canned notFound() {
    return CannedArm.status(404, Map.of(), CannedArm.armError("ResourceNotFound", "The Resource was not found."));
  }

  @Test
  void createsAReplicaWithAPutOfCreateModeAndFollowsTheOperation() throws Exception {
    arm.on("GET", REPLICA, notFound(), CannedArm.ok(server("Replica")));
    arm.on("PUT", REPLICA, CannedArm.status(201, Map.of("Azure-AsyncOperation", arm.url(OP_PATH + "?api-version=2024-12-30"),
        "Retry-After", "0"), "{\"properties\":{\"provisioningState\":\"Creating\"}}"));
    arm.on("GET", OP_PATH, CannedArm.ok("{\"status\":\"InProgress\"}"), CannedArm.ok("{\"status\":\"Succeeded\"}"));

    ActionResult result = actions.createReplica(ActivityHarness.request("mysql.createReplica", new dev.continuity.model.plan.ResourceRef(
        "mysql-west", "mysqlFlexibleServer", REPLICA, "westus2", Map.of("sourceServer", "mysql-east")), Map.of(), "eastus2", "westus2", true));

    assertTrue(result.changed(), result.message());
    CannedArm.Recorded put = arm.requests("PUT").get(0);
    assertEquals("2024-12-30", put.apiVersion());
    assertEquals(Json.MAPPER.readTree("{\"location\":\"westus2\",\"properties\":{\"createMode\":\"Replica\","
        + "\"sourceServerResourceId\":\"" + SOURCE + "\"}}"), put.json(), put.body());
    assertEquals(2, arm.requests().stream().filter(r -> r.path().equals(OP_PATH)).count());
  }

  @Test
  void anExistingReplicaOfTheSourceIsLeftAlone() {
    arm.on("GET", REPLICA, CannedArm.ok(server("Replica")));

    ActionResult result = actions.createReplica(ActivityHarness.request("mysql.createReplica", "mysqlFlexibleServer", REPLICA,
        Map.of("source", SOURCE)));

    assertFalse(result.changed(), result.message());
    assertTrue(arm.mutations().isEmpty());
  }

  @Test
  void anExistingServerThatIsNoSuchReplicaIsRefusedNotOverwritten() {
    arm.on("GET", REPLICA, CannedArm.ok(server("None")));

    ApplicationFailure f = ActivityHarness.failure(() -> actions.createReplica(ActivityHarness.request("mysql.createReplica",
        "mysqlFlexibleServer", REPLICA, Map.of("source", "mysql-east"))));

    assertEquals(ArmFailures.INVALID_REQUEST, f.getType());
    assertTrue(f.isNonRetryable());
    assertTrue(f.getOriginalMessage().contains("delete it first"), f.getOriginalMessage());
    assertTrue(arm.mutations().isEmpty());
  }

  @Test
  void aCreateWithoutASourceSaysWhichParameterIsMissing() {
    ApplicationFailure f = ActivityHarness.failure(() -> actions.createReplica(ActivityHarness.request("mysql.createReplica",
        "mysqlFlexibleServer", REPLICA, Map.of())));

    assertEquals("InvalidParameter", f.getType());
    assertTrue(f.getOriginalMessage().contains("'source'"), f.getOriginalMessage());
  }

  @Test
  void resumedCreatePollsTheRecordedOperationWithoutPuttingAgain() {
    arm.on("GET", REPLICA, CannedArm.ok(server("Replica")));
    arm.on("GET", OP_PATH, CannedArm.ok("{\"status\":\"Succeeded\"}"));
    harness.env.setHeartbeatDetails(new OperationCheckpoint("mysql.createReplica", REPLICA,
        arm.url(OP_PATH + "?api-version=2024-12-30"), OperationCheckpoint.ASYNC_OPERATION));

    ActionResult result = actions.createReplica(ActivityHarness.request("mysql.createReplica", "mysqlFlexibleServer", REPLICA,
        Map.of("source", "mysql-east")));

    assertTrue(result.changed());
    assertTrue(result.message().contains("resumed"), result.message());
    assertTrue(arm.mutations().isEmpty(), arm.requests().toString());
  }

  @Test
  void forbiddenCreateIsNotRetried() {
    arm.on("GET", REPLICA, notFound());
    arm.on("PUT", REPLICA, CannedArm.status(403, Map.of(), CannedArm.armError("AuthorizationFailed", "no write")));

    ApplicationFailure f = ActivityHarness.failure(() -> actions.createReplica(ActivityHarness.request("mysql.createReplica",
        "mysqlFlexibleServer", REPLICA, Map.of("source", "mysql-east"))));

    assertEquals(ArmFailures.AUTHORIZATION_FAILED, f.getType());
    assertTrue(f.isNonRetryable());
  }

  @Test
  void deletesAStaleServerOnceItsDataLivesOnElsewhere() {
    arm.on("GET", SOURCE, CannedArm.ok(named(SOURCE, "None", null)), notFound());
    arm.on("GET", REPLICA, CannedArm.ok(named(REPLICA, "None", null)));
    arm.on("DELETE", SOURCE, CannedArm.accepted(Map.of("Azure-AsyncOperation", arm.url(OP_PATH), "Location", arm.url(RESULT_PATH),
        "Retry-After", "0")));
    arm.on("GET", OP_PATH, CannedArm.ok("{\"status\":\"Succeeded\"}"));

    ActionResult result = actions.deleteServer(ActivityHarness.request("mysql.deleteServer", "mysqlFlexibleServer", SOURCE,
        Map.of("replacedBy", "mysql-west")));

    assertTrue(result.changed(), result.message());
    assertEquals(1, arm.requests("DELETE").size());
    assertEquals("2024-12-30", arm.requests("DELETE").get(0).apiVersion());
  }

  @Test
  void anAbsentServerIsDeletedAlready() {
    arm.on("GET", SOURCE, notFound());

    assertFalse(actions.deleteServer(ActivityHarness.request("mysql.deleteServer", "mysqlFlexibleServer", SOURCE,
        Map.of("replacedBy", "mysql-west"))).changed());
    assertTrue(arm.mutations().isEmpty());
  }

  @Test
  void aServerIsNotDeletedWhileItReplicatesOrWhenItsReplacementIsAReplica() {
    arm.on("GET", SOURCE, CannedArm.ok(named(SOURCE, "Source", null)), CannedArm.ok(named(SOURCE, "None", null)));
    arm.on("GET", REPLICA, CannedArm.ok(named(REPLICA, "Replica", SOURCE)));

    ApplicationFailure source = ActivityHarness.failure(() -> actions.deleteServer(ActivityHarness.request("mysql.deleteServer",
        "mysqlFlexibleServer", SOURCE, Map.of("replacedBy", "mysql-west"))));
    ApplicationFailure replacement = ActivityHarness.failure(() -> actions.deleteServer(ActivityHarness.request("mysql.deleteServer",
        "mysqlFlexibleServer", SOURCE, Map.of("replacedBy", "mysql-west"))));

    assertEquals(ArmFailures.INVALID_REQUEST, source.getType());
    assertTrue(source.getOriginalMessage().contains("Source"), source.getOriginalMessage());
    assertEquals(ArmFailures.INVALID_REQUEST, replacement.getType());
    assertTrue(replacement.getOriginalMessage().contains("mysql-west is a Replica"), replacement.getOriginalMessage());
    assertTrue(arm.mutations().isEmpty());
  }

  @Test
  void expectRoleWaitsUntilTheServerTakesWrites() {
    arm.on("GET", REPLICA, CannedArm.ok(server("Replica")));

    ApplicationFailure f = ActivityHarness.failure(() -> actions.readReplicationState(ActivityHarness.request(
        "mysql.readReplicationState", "mysqlFlexibleServer", REPLICA, Map.of("expectRole", "None"))));

    assertEquals(AzureCall.NOT_CONVERGED, f.getType());
    assertFalse(f.isNonRetryable());
  }
}
