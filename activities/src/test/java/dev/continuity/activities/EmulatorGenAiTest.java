package dev.continuity.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.DatabricksActions;
import dev.continuity.model.actions.LangfuseActions;
import dev.continuity.model.estate.ApprovalPolicy;
import dev.continuity.model.estate.Inventory;
import dev.continuity.model.estate.Resource;
import dev.continuity.model.estate.ResourceKinds;
import dev.continuity.model.estate.SeverityPolicy;
import dev.continuity.model.estate.Stamp;
import dev.continuity.model.estate.Targets;
import dev.continuity.model.plan.ResourceRef;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The GenAI stamp's actions against the emulator: serving endpoint routes and the Langfuse health check. */
class EmulatorGenAiTest extends EmulatedActionsTest {
  static final String RG = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-genai/providers/";
  static final String WS = RG + "Microsoft.Databricks/workspaces/dbw-genai-scus";
  static final String WS_URL = "adb-3333.3.azuredatabricks.net";
  static final String LANGFUSE = "http://langfuse.genai.contoso.example/api/public/health";

  @Override
  Inventory inventory() {
    Map<String, Resource> res = new LinkedHashMap<>();
    res.put("openai-eastus", new Resource("openai-eastus", ResourceKinds.OPENAI, RG + "Microsoft.CognitiveServices/accounts/oai-east",
        "eastus", Map.of()));
    res.put("dbw", new Resource("dbw", ResourceKinds.DATABRICKS_WORKSPACE, WS, "southcentralus", Map.of("workspaceUrl", WS_URL,
        "servingEndpoints", Map.of("genai-chat", Map.of("route", "gpt-4o-eastus", "entities",
            Map.of("gpt-4o-eastus", "openai-eastus", "fallback", "meta_llama_v3_3_70b_instruct"))))));
    res.put("langfuse", new Resource("langfuse", ResourceKinds.HEALTH_PROBE, null, null, Map.of(
        "endpoints", Map.of("eastus", LANGFUSE, "southcentralus", LANGFUSE), "hostedIn", "eastus", "vantagePoints", List.of("centralus"))));
    return new Inventory("demo", List.of("centralus"), Map.of(), List.of(new Stamp("genai", "eastus", "southcentralus", Targets.DEFAULT,
        List.of(), SeverityPolicy.DEFAULT, ApprovalPolicy.DEFAULT, Duration.ofMinutes(30), res)));
  }

  static ActionRequest route(String entity) {
    return new ActionRequest("op-1", "route-model", "databricks.setServingEndpointRoute", new ResourceRef("dbw",
        ResourceKinds.DATABRICKS_WORKSPACE, WS, "southcentralus", Map.of("workspaceUrl", WS_URL)),
        Map.of("endpoint", "genai-chat", "servedEntity", entity), "genai", "eastus", "southcentralus", false);
  }

  static ActionRequest langfuse(Map<String, Object> params) {
    return new ActionRequest("op-1", "check-telemetry", "langfuse.checkHealth", new ResourceRef("langfuse", ResourceKinds.HEALTH_PROBE,
        null, null, Map.of("endpoints", Map.of("eastus", LANGFUSE, "southcentralus", LANGFUSE), "vantagePoints", List.of("centralus"))),
        params, "genai", "eastus", "southcentralus", false);
  }

  @Test
  void theModelRouteMovesToTheFallbackOnceAndBack() {
    DatabricksActions dbx = stub(DatabricksActions.class);
    String before = control.state().path("resources").path(WS.substring(1).toLowerCase() + "/servingendpoints/genai-chat").toString();

    assertTrue(dbx.setServingEndpointRoute(route("fallback")).changed());
    assertFalse(dbx.setServingEndpointRoute(route("fallback")).changed(), "a repeat changes nothing");
    assertEquals(1, control.journal("genai-chat", "databricks.updateServingEndpoint").path("entries").size());
    assertTrue(dbx.setServingEndpointRoute(route("gpt-4o-eastus")).changed());

    assertEquals(before, control.state().path("resources").path(WS.substring(1).toLowerCase() + "/servingendpoints/genai-chat").toString(),
        "routing back restores the endpoint as it was");
  }

  @Test
  void anUnknownEntityAndADownWorkspaceAreTold() {
    DatabricksActions dbx = stub(DatabricksActions.class);
    ActivityFailure unknown = assertThrows(ActivityFailure.class, () -> dbx.setServingEndpointRoute(route("gpt-4o-westus")));
    assertTrue(((ApplicationFailure) unknown.getCause()).isNonRetryable());

    control.outage("southcentralus");
    ActivityFailure down = assertThrows(ActivityFailure.class, () -> dbx.setServingEndpointRoute(route("fallback")));
    assertFalse(((ApplicationFailure) down.getCause()).isNonRetryable(), down.getCause().getMessage());
  }

  @Test
  void langfuseDownWithItsRegionDegradesTracingWithoutFailing() {
    LangfuseActions lf = stub(LangfuseActions.class);
    ActionResult up = lf.checkHealth(langfuse(Map.of("region", "southcentralus")));
    assertEquals(true, up.facts().get(LangfuseActivities.TELEMETRY_HEALTHY), up.message());

    control.outage("eastus");
    ActionResult down = lf.checkHealth(langfuse(Map.of("region", "southcentralus")));
    assertEquals(false, down.facts().get(LangfuseActivities.TELEMETRY_HEALTHY), down.message());
    assertThrows(ActivityFailure.class, () -> lf.checkHealth(langfuse(Map.of("region", "southcentralus", "required", true))));
  }
}
