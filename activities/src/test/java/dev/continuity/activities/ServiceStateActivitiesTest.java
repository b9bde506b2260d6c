package dev.continuity.activities;

import static dev.continuity.activities.ActivityHarness.SUB;
import static dev.continuity.activities.CannedArm.example;
import static dev.continuity.activities.CannedArm.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuity.model.actions.ServiceStateActions;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServiceStateActivitiesTest {
  static final String SEARCH = "/subscriptions/" + SUB + "/resourceGroups/rg-ai/providers/Microsoft.Search/searchServices/search-west";
  static final String ENDPOINT = "/subscriptions/" + SUB
      + "/resourceGroups/rg-ai/providers/Microsoft.MachineLearningServices/workspaces/ml-west/onlineEndpoints/chat";

  CannedArm arm;
  ActivityHarness harness;
  ServiceStateActions actions;

  @BeforeEach
  void setUp() throws Exception {
    arm = new CannedArm();
    harness = new ActivityHarness(arm);
    harness.register(new ServiceStateActivities(harness.clients));
    actions = harness.stub(ServiceStateActions.class);
  }

  @AfterEach
  void tearDown() {
    harness.close();
    arm.close();
  }

  @Test
  void runningSearchServicePasses() {
    arm.on("GET", SEARCH, CannedArm.ok(json(example("search/2025-05-01/SearchGetService.json", "200").put("id", SEARCH))));

    var result = actions.readSearchState(ActivityHarness.request("search.readState", "aiSearch", SEARCH, Map.of()));

    assertEquals("running", result.facts().get("status"));
    assertFalse(arm.requests("GET").get(0).apiVersion().isBlank());
  }

  @Test
  void endpointStillCreatingFailsTheStepRetryably() {
    // Azure's example endpoint is still "Creating"
    ObjectNode body = example("machinelearningservices/2025-06-01/OnlineEndpoint_get.json", "200");
    body.put("id", ENDPOINT).put("name", "chat");
    arm.on("GET", ENDPOINT, CannedArm.ok(json(body)));

    ApplicationFailure f = ActivityHarness.failure(() ->
        actions.readEndpointState(ActivityHarness.request("ml.readEndpointState", "mlEndpoint", ENDPOINT, Map.of())));

    assertFalse(f.isNonRetryable());
    assertEquals(AzureCall.NOT_CONVERGED, f.getType());
    assertEquals(ServiceStateActivities.ML_API_VERSION, arm.requests("GET").get(0).apiVersion());
  }
}
