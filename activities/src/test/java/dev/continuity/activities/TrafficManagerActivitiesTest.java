package dev.continuity.activities;

import static dev.continuity.activities.ActivityHarness.SUB;
import static dev.continuity.activities.CannedArm.example;
import static dev.continuity.activities.CannedArm.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.TrafficManagerActions;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TrafficManagerActivitiesTest {
  static final String PROFILE = "/subscriptions/" + SUB + "/resourceGroups/rg-ai/providers/Microsoft.Network/trafficmanagerprofiles/tm-ai";
  static final String ENDPOINT = PROFILE + "/AzureEndpoints/westus2";
  static final String EXAMPLE = "trafficmanager/2026-09-01/Endpoint-GET-External-WithLocation.json";

  CannedArm arm;
  ActivityHarness harness;
  TrafficManagerActions actions;

  @BeforeEach
  void setUp() throws Exception {
    arm = new CannedArm();
    harness = new ActivityHarness(arm);
    harness.register(new TrafficManagerActivities(harness.clients));
    actions = harness.stub(TrafficManagerActions.class);
  }

  @AfterEach
  void tearDown() {
    harness.close();
    arm.close();
  }

  static String endpoint(int priority, String status) {
    ObjectNode body = example(EXAMPLE, "200");
    body.put("name", "westus2").put("id", ENDPOINT).put("type", "Microsoft.Network/trafficManagerProfiles/azureEndpoints");
    ((ObjectNode) body.path("properties")).put("priority", priority).put("endpointStatus", status);
    return json(body);
  }

  /** Azure's profile example with our two endpoints and their priorities. */
  static String profile(int west, int east) {
    ObjectNode body = example("trafficmanager/2026-09-01/Profile-GET-WithoutRecordType.json", "200");
    body.put("id", PROFILE).put("name", "tm-ai");
    var endpoints = ((ObjectNode) body.path("properties")).putArray("endpoints");
    for (var e : Map.of("westus2", west, "eastus2", east).entrySet()) {
      ObjectNode ep = endpoints.addObject().put("name", e.getKey()).put("id", PROFILE + "/azureEndpoints/" + e.getKey())
          .put("type", "Microsoft.Network/trafficManagerProfiles/azureEndpoints");
      ep.putObject("properties").put("priority", e.getValue()).put("endpointStatus", "Enabled");
    }
    return json(body);
  }

  static Map<String, Object> params(Object priority) {
    return Map.of("endpoint", "westus2", "priority", priority);
  }

  @Test
  void takesPriorityOneAndMovesTheOtherEndpointToTheOldPriority() {
    arm.on("GET", PROFILE, CannedArm.ok(profile(2, 1)), CannedArm.ok(profile(1, 1000)));
    arm.on("GET", ENDPOINT, CannedArm.ok(endpoint(1, "Enabled")));
    arm.on("PATCH", ENDPOINT, CannedArm.ok(endpoint(1, "Enabled")));
    arm.on("PATCH", PROFILE + "/AzureEndpoints/eastus2", CannedArm.ok(endpoint(2, "Enabled")));

    ActionResult result = actions.setEndpointPriority(ActivityHarness.request("trafficManager.setEndpointPriority",
        "trafficManager", PROFILE, params("1")));

    assertTrue(result.changed(), result.message());
    var patches = arm.requests("PATCH");
    assertEquals(3, patches.size(), arm.requests().toString());
    assertTrue(patches.get(0).path().endsWith("/eastus2"));
    assertEquals(TrafficManagerActivities.PARKED, patches.get(0).json().path("properties").path("priority").asInt(),
        "Traffic Manager refuses two endpoints at one priority: the holder is parked first");
    assertTrue(patches.get(2).path().endsWith("/eastus2"));
    assertEquals(2, patches.get(2).json().path("properties").path("priority").asInt());
    var patch = patches.get(1);
    assertTrue(patch.path().equalsIgnoreCase(ENDPOINT), patch.path());
    assertEquals("2022-04-01", patch.apiVersion());
    assertEquals(1, patch.json().path("properties").path("priority").asInt());
    assertEquals(1, patch.json().path("properties").size(), "only the priority is patched: " + patch.body());
    assertEquals("Bearer emulator", patch.headers().get("authorization"));
    assertEquals("2022-04-01", arm.requests("GET").get(0).apiVersion());
  }

  @Test
  void secondRunChangesNothing() {
    arm.on("GET", PROFILE, CannedArm.ok(profile(1, 2)));

    ActionResult result = actions.setEndpointPriority(ActivityHarness.request("trafficManager.setEndpointPriority",
        "trafficManager", PROFILE, params(1.0)));

    assertFalse(result.changed());
    assertTrue(arm.mutations().isEmpty(), arm.requests().toString());
  }

  @Test
  void finishesTheMoveOfAnEndpointParkedByACrashedAttempt() {
    arm.on("GET", PROFILE, CannedArm.ok(profile(1, 1000)), CannedArm.ok(profile(1, 1000)), CannedArm.ok(profile(1, 2)));
    arm.on("GET", ENDPOINT, CannedArm.ok(endpoint(1, "Enabled")));
    arm.on("PATCH", PROFILE + "/AzureEndpoints/eastus2", CannedArm.ok(endpoint(2, "Enabled")));

    ActionResult result = actions.setEndpointPriority(ActivityHarness.request("trafficManager.setEndpointPriority",
        "trafficManager", PROFILE, params(1)));

    assertTrue(result.changed(), result.message());
    var patches = arm.requests("PATCH");
    assertEquals(1, patches.size(), arm.requests().toString());
    assertEquals(2, patches.get(0).json().path("properties").path("priority").asInt());
  }

  @Test
  void disablesEndpointOnlyWhenEnabled() {
    arm.on("GET", ENDPOINT, CannedArm.ok(endpoint(1, "Enabled")), CannedArm.ok(endpoint(1, "Disabled")));
    arm.on("PATCH", ENDPOINT, CannedArm.ok(endpoint(1, "Disabled")));

    ActionResult result = actions.setEndpointStatus(ActivityHarness.request("trafficManager.setEndpointStatus",
        "trafficManager", PROFILE, Map.of("endpoint", "westus2", "enabled", "false")));

    assertTrue(result.changed());
    assertEquals("Disabled", arm.requests("PATCH").get(0).json().path("properties").path("endpointStatus").asText());
  }

  @Test
  void throttlingIsRetriedAfterRetryAfter() {
    arm.on("GET", PROFILE, CannedArm.status(429, Map.of("Retry-After", "7"), CannedArm.armError("TooManyRequests", "slow down")));

    ApplicationFailure f = ActivityHarness.failure(() -> actions.setEndpointPriority(ActivityHarness.request(
        "trafficManager.setEndpointPriority", "trafficManager", PROFILE, params(1))));

    assertEquals(ArmFailures.THROTTLED, f.getType());
    assertFalse(f.isNonRetryable());
    assertEquals(Duration.ofSeconds(7), f.getNextRetryDelay());
    assertEquals(1, arm.requests().size(), "the SDK itself must not retry: " + arm.requests());
  }

  @Test
  void forbiddenIsNotRetriedAndNamesTheRole() {
    arm.on("GET", PROFILE, CannedArm.status(403, Map.of(), CannedArm.armError("AuthorizationFailed", "no access")));

    ApplicationFailure f = ActivityHarness.failure(() -> actions.setEndpointPriority(ActivityHarness.request(
        "trafficManager.setEndpointPriority", "trafficManager", PROFILE, params(1))));

    assertEquals(ArmFailures.AUTHORIZATION_FAILED, f.getType());
    assertTrue(f.isNonRetryable());
    assertTrue(f.getOriginalMessage().contains("Traffic Manager Contributor"), f.getOriginalMessage());
    assertTrue(f.getOriginalMessage().startsWith("AuthorizationFailed on "), f.getOriginalMessage());
  }

  @Test
  void serverErrorIsRetryable() {
    arm.on("GET", PROFILE, CannedArm.status(500, Map.of(), CannedArm.armError("InternalServerError", "boom")));

    ApplicationFailure f = ActivityHarness.failure(() -> actions.setEndpointPriority(ActivityHarness.request(
        "trafficManager.setEndpointPriority", "trafficManager", PROFILE, params(1))));

    assertEquals(ArmFailures.SERVER_ERROR, f.getType());
    assertFalse(f.isNonRetryable());
    assertEquals(1, arm.requests().size(), "the SDK itself must not retry: " + arm.requests());
  }

  @Test
  void badParameterFailsBeforeAnyCall() {
    ApplicationFailure f = ActivityHarness.failure(() -> actions.setEndpointPriority(ActivityHarness.request(
        "trafficManager.setEndpointPriority", "trafficManager", PROFILE, params("first"))));

    assertEquals("InvalidParameter", f.getType());
    assertTrue(f.isNonRetryable());
    assertTrue(f.getOriginalMessage().contains("'priority' must be a whole number"), f.getOriginalMessage());
    assertTrue(arm.requests().isEmpty());
  }
}
