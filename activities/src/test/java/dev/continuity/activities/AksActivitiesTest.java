package dev.continuity.activities;

import static dev.continuity.activities.ActivityHarness.SUB;
import static dev.continuity.activities.CannedArm.example;
import static dev.continuity.activities.CannedArm.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.AksActions;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AksActivitiesTest {
  static final String CLUSTER = "/subscriptions/" + SUB + "/resourceGroups/rg-ai/providers/Microsoft.ContainerService/managedClusters/aks-west";
  static final String POOL = CLUSTER + "/agentPools/nodepool1";
  static final String OP_PATH = "/subscriptions/" + SUB + "/providers/Microsoft.ContainerService/locations/westus2/operations/op-2";
  static final String RESULT_PATH = "/subscriptions/" + SUB + "/providers/Microsoft.ContainerService/locations/westus2/operationresults/op-2";

  CannedArm arm;
  ActivityHarness harness;
  AksActions actions;

  @BeforeEach
  void setUp() throws Exception {
    arm = new CannedArm();
    harness = new ActivityHarness(arm);
    harness.register(new AksActivities(harness.clients, harness.config));
    actions = harness.stub(AksActions.class);
  }

  @AfterEach
  void tearDown() {
    harness.close();
    arm.close();
  }

  static String pool(String exampleStatus, int count, String state) {
    ObjectNode body = example(exampleStatus.equals("get") ? "containerservice/2026-08-01/AgentPoolsGet.json"
        : "containerservice/2026-08-01/AgentPoolsCreate_Update.json", exampleStatus.equals("get") ? "200" : exampleStatus);
    body.put("id", POOL).put("name", "nodepool1");
    ((ObjectNode) body.path("properties")).put("count", count).put("provisioningState", state);
    return json(body);
  }

  static String cluster(String power) {
    ObjectNode body = example("containerservice/2026-08-01/ManagedClustersGet.json", "200");
    body.put("id", CLUSTER).put("name", "aks-west");
    ((ObjectNode) body.path("properties")).putObject("powerState").put("code", power);
    return json(body);
  }

  @Test
  void scalesTheWarmStandbyAndFollowsTheAsyncOperationOfThePut() {
    arm.on("GET", POOL, CannedArm.ok(pool("get", 1, "Succeeded")), CannedArm.ok(pool("get", 5, "Succeeded")));
    // a PUT answers 200/201 with a non-terminal provisioningState and an Azure-AsyncOperation header
    arm.on("PUT", POOL, CannedArm.status(200, Map.of("Azure-AsyncOperation", arm.url(OP_PATH), "Retry-After", "0"),
        pool("201", 5, "Scaling")));
    arm.on("GET", OP_PATH, CannedArm.ok("{\"status\":\"InProgress\"}"), CannedArm.ok("{\"status\":\"Succeeded\"}"));

    ActionResult result = actions.scaleAgentPool(ActivityHarness.request("aks.scaleAgentPool", "aks", CLUSTER,
        Map.of("agentPool", "nodepool1", "count", "5")));

    assertTrue(result.changed(), result.message());
    var put = arm.requests("PUT").get(0);
    assertEquals(5, put.json().path("properties").path("count").asInt());
    assertEquals("Standard_DS1_v2", put.json().path("properties").path("vmSize").asText(), "the rest of the pool is sent back unchanged");
    assertEquals("2025-05-01", put.apiVersion());
    assertEquals(2, arm.requests().stream().filter(r -> r.path().equals(OP_PATH)).count());
  }

  @Test
  void poolAtTheCountChangesNothing() {
    arm.on("GET", POOL, CannedArm.ok(pool("get", 5, "Succeeded")));

    assertFalse(actions.scaleAgentPool(ActivityHarness.request("aks.scaleAgentPool", "aks", CLUSTER,
        Map.of("agentPool", "nodepool1", "count", 5))).changed());
    assertTrue(arm.mutations().isEmpty());
  }

  @Test
  void startsAStoppedClusterViaLocation() {
    arm.on("GET", CLUSTER, CannedArm.ok(cluster("Stopped")), CannedArm.ok(cluster("Running")));
    // Azure's example answer to start: 202 with a lower-case location header
    arm.on("POST", CLUSTER + "/start", CannedArm.accepted(Map.of("location", arm.url(RESULT_PATH), "Retry-After", "0")));
    arm.on("GET", RESULT_PATH, CannedArm.status(204, Map.of(), ""));

    ActionResult result = actions.startCluster(ActivityHarness.request("aks.startCluster", "aks", CLUSTER, Map.of()));

    assertTrue(result.changed());
    assertEquals(1, arm.requests("POST").size());
    assertEquals(1, arm.requests().stream().filter(r -> r.path().equals(RESULT_PATH)).count());
  }

  @Test
  void runningClusterIsNotStartedAgain() {
    arm.on("GET", CLUSTER, CannedArm.ok(cluster("Running")));

    assertFalse(actions.startCluster(ActivityHarness.request("aks.startCluster", "aks", CLUSTER, Map.of())).changed());
    assertTrue(arm.mutations().isEmpty());
  }
}
