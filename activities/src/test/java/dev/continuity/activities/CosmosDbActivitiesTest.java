package dev.continuity.activities;

import static dev.continuity.activities.ActivityHarness.SUB;
import static dev.continuity.activities.CannedArm.example;
import static dev.continuity.activities.CannedArm.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuity.model.Json;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.CosmosDbActions;
import dev.continuity.model.actions.Facts;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CosmosDbActivitiesTest {
  static final String ACCOUNT = "/subscriptions/" + SUB + "/resourceGroups/rg-ai/providers/Microsoft.DocumentDB/databaseAccounts/cosmos-ai";
  static final String OP_PATH = "/subscriptions/" + SUB + "/providers/Microsoft.DocumentDB/locations/westus2/operationsStatus/op-1";
  static final String RESULT_PATH = "/subscriptions/" + SUB + "/providers/Microsoft.DocumentDB/locations/westus2/operationResults/op-1";
  static final Instant NOW = Instant.parse("2026-11-21T18:00:00Z");

  CannedArm arm;
  ActivityHarness harness;
  CosmosDbActions actions;

  @BeforeEach
  void setUp() throws Exception {
    arm = new CannedArm();
    harness = new ActivityHarness(arm);
    harness.register(new CosmosDbActivities(harness.clients, harness.config, Clock.fixed(NOW, ZoneOffset.UTC)));
    actions = harness.stub(CosmosDbActions.class);
  }

  @AfterEach
  void tearDown() {
    harness.close();
    arm.close();
  }

  /** Azure's example account, with our regions: {@code serving} in order of failover priority. */
  static String account(List<String> priorities, List<String> serving, String consistency) {
    ObjectNode body = example("cosmos-db/2026-07-15/CosmosDBDatabaseAccountGet.json", "200");
    body.put("id", ACCOUNT).put("name", "cosmos-ai");
    ObjectNode props = (ObjectNode) body.path("properties");
    ArrayNode policies = props.putArray("failoverPolicies");
    ArrayNode locations = props.putArray("locations");
    for (int i = 0; i < priorities.size(); i++) {
      policies.addObject().put("locationName", priorities.get(i)).put("failoverPriority", i);
      locations.addObject().put("locationName", priorities.get(i)).put("failoverPriority", i).put("provisioningState", "Succeeded");
    }
    props.putArray("writeLocations").addObject().put("locationName", priorities.get(0)).put("failoverPriority", 0);
    ArrayNode reads = props.putArray("readLocations");
    serving.forEach(r -> reads.addObject().put("locationName", r).put("failoverPriority", priorities.indexOf(r)));
    ((ObjectNode) props.path("consistencyPolicy")).put("defaultConsistencyLevel", consistency);
    return json(body);
  }

  static final String EAST_FIRST = account(List.of("East US 2", "West US 2"), List.of("East US 2", "West US 2"), "Session");
  static final String WEST_FIRST = account(List.of("West US 2", "East US 2"), List.of("West US 2", "East US 2"), "Session");

  @Test
  void setWriteRegionPollsAzureAsyncOperationUntilSucceeded() {
    arm.on("GET", ACCOUNT, CannedArm.ok(EAST_FIRST), CannedArm.ok(WEST_FIRST));
    arm.on("POST", ACCOUNT + "/failoverPriorityChange", CannedArm.accepted(Map.of(
        "Azure-AsyncOperation", arm.url(OP_PATH + "?api-version=x"),
        "Location", arm.url(RESULT_PATH + "?api-version=x"),
        "Retry-After", "0")));
    arm.on("GET", OP_PATH, CannedArm.ok("{\"status\":\"Dequeued\"}"), CannedArm.ok("{\"status\":\"InProgress\"}"),
        CannedArm.ok("{\"status\":\"Succeeded\"}"));

    List<OperationCheckpoint> heartbeats = new java.util.concurrent.CopyOnWriteArrayList<>();
    harness.env.setActivityHeartbeatListener(OperationCheckpoint.class, heartbeats::add);

    ActionResult result = actions.setWriteRegion(ActivityHarness.request("cosmos.setWriteRegion", "cosmosDb", ACCOUNT,
        Map.of("region", "westus2")));

    assertTrue(result.changed(), result.message());
    assertTrue(heartbeats.stream().anyMatch(h -> h.running() && h.statusUrl().contains(OP_PATH)
        && h.via().equals(OperationCheckpoint.ASYNC_OPERATION) && h.resource().equals(ACCOUNT)), heartbeats.toString());
    List<CannedArm.Recorded> posts = arm.requests("POST");
    assertEquals(1, posts.size(), arm.requests().toString());
    assertEquals("2025-04-15", posts.get(0).apiVersion());
    JsonNode policies = posts.get(0).json().path("failoverPolicies");
    assertEquals("West US 2", policies.get(0).path("locationName").asText());
    assertEquals(0, policies.get(0).path("failoverPriority").asInt());
    assertEquals("East US 2", policies.get(1).path("locationName").asText());
    assertEquals(1, policies.get(1).path("failoverPriority").asInt());
    assertEquals(3, arm.requests().stream().filter(r -> r.path().equals(OP_PATH)).count(), "polled until Succeeded");
    assertTrue(arm.requests().stream().noneMatch(r -> r.path().equals(RESULT_PATH)));
  }

  @Test
  void resumedAttemptPollsTheRecordedOperationWithoutPostingAgain() {
    arm.on("GET", ACCOUNT, CannedArm.ok(WEST_FIRST));
    arm.on("GET", OP_PATH, CannedArm.ok("{\"status\":\"InProgress\"}"), CannedArm.ok("{\"status\":\"Succeeded\"}"));
    harness.env.setHeartbeatDetails(new OperationCheckpoint("cosmos.setWriteRegion", ACCOUNT,
        arm.url(OP_PATH + "?api-version=2025-04-15"), OperationCheckpoint.ASYNC_OPERATION));

    ActionResult result = actions.setWriteRegion(ActivityHarness.request("cosmos.setWriteRegion", "cosmosDb", ACCOUNT,
        Map.of("region", "westus2")));

    assertTrue(result.changed());
    assertTrue(arm.mutations().isEmpty(), "no new failover after a crash: " + arm.requests());
    assertEquals(2, arm.requests().stream().filter(r -> r.path().equals(OP_PATH)).count());
    assertEquals("2025-04-15", arm.requests().stream().filter(r -> r.path().equals(OP_PATH)).findFirst().orElseThrow().apiVersion());
  }

  @Test
  void checkpointOfAnotherActionIsIgnored() {
    arm.on("GET", ACCOUNT, CannedArm.ok(WEST_FIRST));
    harness.env.setHeartbeatDetails(new OperationCheckpoint("cosmos.setRegionOffline", ACCOUNT,
        arm.url(OP_PATH), OperationCheckpoint.ASYNC_OPERATION));

    ActionResult result = actions.setWriteRegion(ActivityHarness.request("cosmos.setWriteRegion", "cosmosDb", ACCOUNT,
        Map.of("region", "westus2")));

    assertFalse(result.changed());
    assertTrue(arm.requests().stream().noneMatch(r -> r.path().equals(OP_PATH)));
  }

  @Test
  void checkpointOfAnEndedOperationStartsAfresh() {
    arm.on("GET", ACCOUNT, CannedArm.ok(EAST_FIRST), CannedArm.ok(WEST_FIRST));
    arm.on("POST", ACCOUNT + "/failoverPriorityChange", CannedArm.status(204, Map.of(), ""));
    // an earlier attempt's operation failed; its checkpoint says so (no status URL)
    harness.env.setHeartbeatDetails(new OperationCheckpoint("cosmos.setWriteRegion", ACCOUNT, null, OperationCheckpoint.ASYNC_OPERATION));

    ActionResult result = actions.setWriteRegion(ActivityHarness.request("cosmos.setWriteRegion", "cosmosDb", ACCOUNT,
        Map.of("region", "westus2")));

    assertTrue(result.changed());
    assertEquals(1, arm.requests("POST").size(), "observes again and starts a new operation");
  }

  @Test
  void writeRegionAlreadyThereChangesNothing() {
    arm.on("GET", ACCOUNT, CannedArm.ok(WEST_FIRST));

    ActionResult result = actions.setWriteRegion(ActivityHarness.request("cosmos.setWriteRegion", "cosmosDb", ACCOUNT,
        Map.of("region", "West US 2")));

    assertFalse(result.changed());
    assertTrue(arm.mutations().isEmpty(), arm.requests().toString());
  }

  @Test
  void failedOperationIsRetryableAndNamesAzuresError() {
    arm.on("GET", ACCOUNT, CannedArm.ok(EAST_FIRST));
    arm.on("POST", ACCOUNT + "/failoverPriorityChange", CannedArm.accepted(Map.of(
        "Azure-AsyncOperation", arm.url(OP_PATH), "Retry-After", "0")));
    arm.on("GET", OP_PATH, CannedArm.ok("{\"status\":\"Failed\",\"error\":{\"code\":\"Conflict\",\"message\":\"busy\"}}"));

    ApplicationFailure f = ActivityHarness.failure(() -> actions.setWriteRegion(ActivityHarness.request(
        "cosmos.setWriteRegion", "cosmosDb", ACCOUNT, Map.of("region", "westus2"))));

    assertEquals("OperationFailed", f.getType());
    assertFalse(f.isNonRetryable());
    assertTrue(f.getOriginalMessage().contains("Conflict: busy"), f.getOriginalMessage());
  }

  @Test
  void unknownRegionFailsForGood() {
    arm.on("GET", ACCOUNT, CannedArm.ok(EAST_FIRST));

    ApplicationFailure f = ActivityHarness.failure(() -> actions.setWriteRegion(ActivityHarness.request(
        "cosmos.setWriteRegion", "cosmosDb", ACCOUNT, Map.of("region", "centralus"))));

    assertTrue(f.isNonRetryable());
    assertTrue(f.getOriginalMessage().contains("centralus"), f.getOriginalMessage());
    assertTrue(arm.mutations().isEmpty());
  }

  @Test
  void takesRegionOfflineViaLocationPolling() {
    String eastOffline = account(List.of("West US 2", "East US 2"), List.of("West US 2"), "Session");
    arm.on("GET", ACCOUNT, CannedArm.ok(WEST_FIRST), CannedArm.ok(eastOffline));
    arm.on("POST", ACCOUNT + "/offlineRegion", CannedArm.accepted(Map.of("Location", arm.url(RESULT_PATH), "Retry-After", "0")));
    arm.on("GET", RESULT_PATH, CannedArm.accepted(Map.of("Location", arm.url(RESULT_PATH), "Retry-After", "0")),
        CannedArm.status(204, Map.of(), ""));

    ActionResult result = actions.setRegionOffline(ActivityHarness.request("cosmos.setRegionOffline", "cosmosDb", ACCOUNT,
        Map.of("region", "eastus2")));

    assertTrue(result.changed(), result.message());
    assertEquals("East US 2", arm.requests("POST").get(0).json().path("region").asText());
    assertEquals(2, arm.requests().stream().filter(r -> r.path().equals(RESULT_PATH)).count());
  }

  @Test
  void offlineRegionAlreadyOfflineChangesNothing() {
    arm.on("GET", ACCOUNT, CannedArm.ok(account(List.of("West US 2", "East US 2"), List.of("West US 2"), "Session")));

    ActionResult result = actions.setRegionOffline(ActivityHarness.request("cosmos.setRegionOffline", "cosmosDb", ACCOUNT,
        Map.of("region", "eastus2")));

    assertFalse(result.changed());
    assertTrue(arm.mutations().isEmpty());
  }

  @Test
  void readReplicationReportsMeasuredLagAsExpectedDataLoss() {
    arm.on("GET", ACCOUNT, CannedArm.ok(EAST_FIRST));
    arm.on("GET", ACCOUNT + "/providers/Microsoft.Insights/metrics", CannedArm.ok("""
        {"value":[{"name":{"value":"ReplicationLatency"},"unit":"MilliSeconds","timeseries":[{"data":[
          {"timeStamp":"2026-11-21T17:56:00Z","maximum":1200.0},{"timeStamp":"2026-11-21T17:57:00Z","maximum":4300.0}]}]}]}
        """));

    ActionResult result = actions.readReplication(ActivityHarness.request("cosmos.readReplication", "cosmosDb", ACCOUNT, Map.of()));

    assertFalse(result.changed());
    assertEquals(5, ((Number) result.facts().get(Facts.EXPECTED_DATA_LOSS_SECONDS)).intValue());
    assertEquals(NOW.minusMillis(4300).toString(), result.facts().get(Facts.LAST_SYNC_TIME));
    assertEquals("East US 2", result.facts().get("writeRegion"));
    CannedArm.Recorded metrics = arm.requests().stream().filter(r -> r.path().endsWith("/metrics")).findFirst().orElseThrow();
    assertEquals("ReplicationLatency", metrics.query().get("metricnames"));
    assertEquals("Maximum", metrics.query().get("aggregation"));
  }

  @Test
  void readReplicationFallsBackToTheBoundedStalenessWindow() {
    ObjectNode bounded = (ObjectNode) read(account(List.of("East US 2", "West US 2"), List.of("East US 2", "West US 2"), "BoundedStaleness"));
    ((ObjectNode) bounded.path("properties").path("consistencyPolicy")).put("maxIntervalInSeconds", 300);
    arm.on("GET", ACCOUNT, CannedArm.ok(json(bounded)));

    ActionResult result = actions.readReplication(ActivityHarness.request("cosmos.readReplication", "cosmosDb", ACCOUNT, Map.of()));

    assertEquals(300, ((Number) result.facts().get(Facts.EXPECTED_DATA_LOSS_SECONDS)).intValue());
  }

  private static JsonNode read(String s) {
    try {
      return Json.MAPPER.readTree(s);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
