package dev.continuity.activities;

import static dev.continuity.activities.ActivityHarness.SUB;
import static dev.continuity.activities.CannedArm.example;
import static dev.continuity.activities.CannedArm.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.FrontDoorActions;
import dev.continuity.model.plan.ResourceRef;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FrontDoorActivitiesTest {
  static final String PROFILE = "/subscriptions/" + SUB + "/resourceGroups/rg-ai/providers/Microsoft.Cdn/profiles/fd-ai";
  static final String ORIGIN = PROFILE + "/originGroups/default/origins/westus2";
  static final String OP_PATH = "/subscriptions/" + SUB + "/resourcegroups/rg-ai/providers/Microsoft.Cdn/operationresults/op-3";

  CannedArm arm;
  ActivityHarness harness;
  FrontDoorActions actions;

  @BeforeEach
  void setUp() throws Exception {
    arm = new CannedArm();
    harness = new ActivityHarness(arm);
    harness.register(new FrontDoorActivities(harness.clients, harness.config));
    actions = harness.stub(FrontDoorActions.class);
  }

  @AfterEach
  void tearDown() {
    harness.close();
    arm.close();
  }

  static String origin(String status, int priority, String enabled) {
    ObjectNode body = example("cdn/2025-06-01/AFDOrigins_Update.json", status);
    body.put("id", ORIGIN).put("name", "westus2");
    ((ObjectNode) body.path("properties")).put("priority", priority).put("enabledState", enabled);
    return json(body);
  }

  /** The origin group comes from the inventory's properties.originGroup when the step does not name it. */
  static ActionRequest request(Map<String, Object> params) {
    return ActivityHarness.request("frontDoor.setOriginPriority",
        new ResourceRef("fd", "frontDoor", PROFILE, "global", Map.of("originGroup", "default")), params, "eastus2", "westus2", true);
  }

  @Test
  void patchesPriorityAndPollsTheAsyncOperation() {
    arm.on("GET", ORIGIN, CannedArm.ok(origin("200", 2, "Enabled")), CannedArm.ok(origin("200", 1, "Enabled")));
    // Azure's own 202 for this call, with its status URL moved to this server
    arm.on("PATCH", ORIGIN, CannedArm.status(202, Map.of("azure-asyncoperation", arm.url(OP_PATH + "?api-version=2025-06-01"),
        "Retry-After", "0"), origin("202", 2, "Enabled")));
    arm.on("GET", OP_PATH, CannedArm.ok("{\"status\":\"InProgress\"}"), CannedArm.ok("{\"status\":\"Succeeded\"}"));

    ActionResult result = actions.setOriginPriority(request(Map.of("origin", "westus2", "priority", 1)));

    assertTrue(result.changed(), result.message());
    var patch = arm.requests("PATCH").get(0);
    assertEquals("2024-02-01", patch.apiVersion());
    assertEquals(1, patch.json().path("properties").path("priority").asInt());
    assertTrue(patch.json().path("properties").path("enabledState").isMissingNode(), patch.body());
    assertEquals(2, arm.requests().stream().filter(r -> r.path().equals(OP_PATH)).count());
  }

  @Test
  void originAlreadyDisabledChangesNothing() {
    arm.on("GET", ORIGIN, CannedArm.ok(origin("200", 1, "Disabled")));

    ActionResult result = actions.setOriginEnabled(ActivityHarness.request("frontDoor.setOriginEnabled",
        new ResourceRef("fd", "frontDoor", PROFILE, "global", Map.of()),
        Map.of("originGroup", "default", "origin", "westus2", "enabled", false), "eastus2", "westus2", true));

    assertFalse(result.changed());
    assertTrue(arm.mutations().isEmpty());
  }
}
