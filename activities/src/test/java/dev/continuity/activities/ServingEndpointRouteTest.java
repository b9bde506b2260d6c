package dev.continuity.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.DatabricksActions;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** databricks.setServingEndpointRoute against canned serving-endpoints API answers. */
class ServingEndpointRouteTest {
  static final String EP = "/_databricks/" + DatabricksActivitiesTest.HOST + "/api/2.0/serving-endpoints/genai-chat";

  CannedDatabricksWorkspace workspace;
  CannedArm arm;
  DatabricksActions actions;

  @BeforeEach
  void setUp() throws Exception {
    workspace = new CannedDatabricksWorkspace();
    arm = workspace.arm;
    actions = workspace.actions;
  }

  @AfterEach
  void tearDown() {
    workspace.close();
  }

  /** An external-model endpoint with two Azure OpenAI entities and a fallback, all traffic to {@code route}. */
  static String endpoint(String route, String update, String pendingRoute) {
    String routes = "[" + route("gpt-4o-eastus", route) + "," + route("gpt-4o-southcentralus", route) + "," + route("fallback", route) + "]";
    String config = """
        {"served_entities":[
          {"name":"gpt-4o-eastus","external_model":{"name":"gpt-4o","provider":"openai","task":"llm/v1/chat",
            "openai_config":{"openai_api_type":"azure","openai_api_base":"https://oai-east.openai.azure.com/",
            "openai_deployment_name":"gpt-4o","openai_api_key":"{{secrets/genai/east}}"}},
            "state":{"deployment":"DEPLOYMENT_READY"},"creator":"dr@contoso.com","creation_timestamp":1767600000000},
          {"name":"gpt-4o-southcentralus","external_model":{"name":"gpt-4o","provider":"openai","task":"llm/v1/chat",
            "openai_config":{"openai_api_type":"azure","openai_api_base":"https://oai-scus.openai.azure.com/",
            "openai_deployment_name":"gpt-4o","openai_api_key":"{{secrets/genai/scus}}"}}},
          {"name":"fallback","entity_name":"system.ai.meta_llama_v3_3_70b_instruct","entity_version":"1"}],
         "traffic_config":{"routes":ROUTES}}
        """.replace("ROUTES", routes);
    String pending = pendingRoute == null ? "" : ",\"pending_config\":" + config.replace(routes,
        "[" + route("gpt-4o-eastus", pendingRoute) + "," + route("gpt-4o-southcentralus", pendingRoute) + "," + route("fallback", pendingRoute) + "]");
    return "{\"name\":\"genai-chat\",\"config\":" + config + ",\"state\":{\"ready\":\"READY\",\"config_update\":\"" + update + "\"}"
        + pending + "}";
  }

  private static String route(String name, String to) {
    return "{\"served_model_name\":\"" + name + "\",\"traffic_percentage\":" + (name.equals(to) ? 100 : 0) + "}";
  }

  static dev.continuity.model.actions.ActionRequest request(String entity) {
    return DatabricksActivitiesTest.request("databricks.setServingEndpointRoute", Map.of("endpoint", "genai-chat", "servedEntity", entity));
  }

  @Test
  void routesAllTrafficToTheSecondaryDeploymentAndWaitsForTheUpdate() {
    arm.on("GET", EP, CannedArm.ok(endpoint("gpt-4o-eastus", "NOT_UPDATING", null)),
        CannedArm.ok(endpoint("gpt-4o-eastus", "IN_PROGRESS", "gpt-4o-southcentralus")),
        CannedArm.ok(endpoint("gpt-4o-southcentralus", "NOT_UPDATING", null)));
    arm.on("PUT", EP + "/config", CannedArm.ok(endpoint("gpt-4o-eastus", "IN_PROGRESS", "gpt-4o-southcentralus")));

    ActionResult result = actions.setServingEndpointRoute(request("gpt-4o-southcentralus"));

    assertTrue(result.changed(), result.message());
    assertEquals("gpt-4o-southcentralus", result.facts().get("route"));
    JsonNode put = arm.requests("PUT").get(0).json();
    assertEquals(3, put.path("served_entities").size(), "every entity stays configured: " + put);
    assertFalse(put.path("served_entities").get(0).has("state"), "output-only fields are not sent back: " + put);
    assertEquals("{{secrets/genai/east}}", put.path("served_entities").get(0).path("external_model").path("openai_config")
        .path("openai_api_key").asText(), "the secret reference is kept, never a secret");
    assertEquals(100, put.path("traffic_config").path("routes").get(1).path("traffic_percentage").asInt());
    assertEquals(0, put.path("traffic_config").path("routes").get(0).path("traffic_percentage").asInt());
    assertEquals("Bearer " + AzureClients.EMULATOR_TOKEN, arm.requests("PUT").get(0).headers().get("authorization"));
    assertEquals(3, arm.requests("GET").size(), "it polled until the update was done");
  }

  @Test
  void anEndpointAlreadyRoutedThereIsLeftAlone() {
    arm.on("GET", EP, CannedArm.ok(endpoint("fallback", "NOT_UPDATING", null)));

    assertFalse(actions.setServingEndpointRoute(request("fallback")).changed());
    assertTrue(arm.requests("PUT").isEmpty());
  }

  @Test
  void aRetryFindingItsOwnUpdateInProgressWaitsInsteadOfSendingItAgain() {
    arm.on("GET", EP, CannedArm.ok(endpoint("gpt-4o-eastus", "IN_PROGRESS", "gpt-4o-southcentralus")),
        CannedArm.ok(endpoint("gpt-4o-southcentralus", "NOT_UPDATING", null)));

    ActionResult result = actions.setServingEndpointRoute(request("gpt-4o-southcentralus"));

    assertTrue(result.changed());
    assertTrue(result.message().contains("resumed"), result.message());
    assertTrue(arm.requests("PUT").isEmpty());
  }

  @Test
  void anotherUpdateInProgressIsWaitedOutByRetrying() {
    arm.on("GET", EP, CannedArm.ok(endpoint("gpt-4o-eastus", "IN_PROGRESS", "fallback")));

    ApplicationFailure f = ActivityHarness.failure(() -> actions.setServingEndpointRoute(request("gpt-4o-southcentralus")));

    assertEquals(AzureCall.NOT_CONVERGED, f.getType());
    assertFalse(f.isNonRetryable());
    assertTrue(arm.requests("PUT").isEmpty());
  }

  @Test
  void anEntityTheEndpointDoesNotServeFailsForGoodNamingTheOnesItDoes() {
    arm.on("GET", EP, CannedArm.ok(endpoint("gpt-4o-eastus", "NOT_UPDATING", null)));

    ApplicationFailure f = ActivityHarness.failure(() -> actions.setServingEndpointRoute(request("gpt-4o-westus")));

    assertEquals("InvalidParameter", f.getType());
    assertTrue(f.isNonRetryable());
    assertTrue(f.getOriginalMessage().contains("gpt-4o-southcentralus"), f.getOriginalMessage());
  }

  @Test
  void forbiddenIsNotRetriedAndSaysWhatTheIdentityNeeds() {
    arm.on("GET", EP, CannedArm.status(403, Map.of(), "{\"error_code\":\"PERMISSION_DENIED\",\"message\":\"no CAN_MANAGE\"}"));

    ApplicationFailure f = ActivityHarness.failure(() -> actions.setServingEndpointRoute(request("fallback")));

    assertEquals(ArmFailures.AUTHORIZATION_FAILED, f.getType());
    assertTrue(f.isNonRetryable());
    assertTrue(f.getOriginalMessage().contains("serving endpoints"), f.getOriginalMessage());
  }

  @Test
  void aConflictingUpdateIsRetried() {
    arm.on("GET", EP, CannedArm.ok(endpoint("gpt-4o-eastus", "NOT_UPDATING", null)));
    arm.on("PUT", EP + "/config", CannedArm.status(409, Map.of(), "{\"error_code\":\"RESOURCE_CONFLICT\",\"message\":\"updating\"}"));

    ApplicationFailure conflict = ActivityHarness.failure(() -> actions.setServingEndpointRoute(request("fallback")));
    assertEquals(ArmFailures.SERVER_ERROR, conflict.getType());
    assertFalse(conflict.isNonRetryable());
  }
}
