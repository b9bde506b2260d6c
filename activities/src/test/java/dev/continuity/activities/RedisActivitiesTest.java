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
import dev.continuity.model.actions.RedisActions;
import dev.continuity.model.plan.ResourceRef;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisActivitiesTest {
  static final String CACHE = "/subscriptions/" + SUB + "/resourceGroups/rg-ai/providers/Microsoft.Cache/Redis/redis-east";
  static final String REPLICA = "/subscriptions/" + SUB + "/resourceGroups/rg-ai/providers/Microsoft.Cache/Redis/redis-west";
  static final String LINK = CACHE + "/linkedServers/redis-west";
  /** The same link seen from the replica, where it is removed. */
  static final String REPLICA_LINK = REPLICA + "/linkedServers/redis-east";
  static final String OP_PATH = "/subscriptions/" + SUB + "/providers/Microsoft.Cache/locations/eastus2/asyncOperations/op-7";

  CannedArm arm;
  ActivityHarness harness;
  RedisActions actions;

  @BeforeEach
  void setUp() throws Exception {
    arm = new CannedArm();
    harness = new ActivityHarness(arm);
    harness.register(new RedisActivities(harness.clients, harness.config));
    actions = harness.stub(RedisActions.class);
  }

  @AfterEach
  void tearDown() {
    harness.close();
    arm.close();
  }

  static String link() {
    ObjectNode body = example("redis/2024-11-01/RedisCacheLinkedServer_Get.json", "200");
    body.put("id", LINK).put("name", "redis-west");
    ((ObjectNode) body.path("properties")).put("linkedRedisCacheId", REPLICA).put("linkedRedisCacheLocation", "West US 2");
    return json(body);
  }

  /** The linked server's name comes from the inventory's properties.linkedServer. */
  static ActionRequest request(String action, Map<String, Object> params) {
    return ActivityHarness.request(action, new ResourceRef("redis", "redis", CACHE, "eastus2", Map.of("linkedServer", "redis-west")),
        params, "eastus2", "westus2", false);
  }

  @Test
  void removesTheLinkFromTheReplicaAndPollsTheOperationStatus() {
    String notFound = CannedArm.armError("ResourceNotFound", "no link");
    arm.on("GET", REPLICA_LINK, CannedArm.ok(link()), CannedArm.status(404, Map.of(), notFound));
    arm.on("DELETE", REPLICA_LINK, CannedArm.accepted(Map.of("Azure-AsyncOperation", arm.url(OP_PATH), "Retry-After", "0")));
    // Azure's example body of this status resource
    String done = json(CannedArm.example("redis/2024-11-01/RedisCacheAsyncOperationStatus.json", "200"));
    arm.on("GET", OP_PATH, CannedArm.ok("{\"status\":\"InProgress\"}"), CannedArm.ok(done));

    ActionResult result = actions.removeGeoReplicationLink(request("redis.removeGeoReplicationLink", Map.of()));

    assertTrue(result.changed(), result.message());
    assertEquals(1, arm.requests("DELETE").size());
    assertEquals("2024-11-01", arm.requests("DELETE").get(0).apiVersion());
    assertEquals(2, arm.requests().stream().filter(r -> r.path().equals(OP_PATH)).count());
  }

  @Test
  void noLinkLeftChangesNothing() {
    arm.on("GET", REPLICA_LINK, CannedArm.status(404, Map.of(), CannedArm.armError("ResourceNotFound", "no link")));

    assertFalse(actions.removeGeoReplicationLink(request("redis.removeGeoReplicationLink", Map.of())).changed());
    assertTrue(arm.mutations().isEmpty());
  }

  @Test
  void restoresTheLinkAsSecondary() {
    arm.on("GET", LINK, CannedArm.status(404, Map.of(), CannedArm.armError("ResourceNotFound", "no link")), CannedArm.ok(link()));
    arm.on("PUT", LINK, CannedArm.status(201, Map.of(), link()));

    ActionResult result = actions.restoreGeoReplicationLink(request("redis.restoreGeoReplicationLink",
        Map.of("linkedServerId", REPLICA, "linkedServerLocation", "westus2")));

    assertTrue(result.changed(), result.message());
    var body = arm.requests("PUT").get(0).json().path("properties");
    assertEquals(REPLICA, body.path("linkedRedisCacheId").asText());
    assertEquals("Secondary", body.path("serverRole").asText());
  }
}
