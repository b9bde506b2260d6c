package dev.continuity.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.LangfuseActions;
import dev.continuity.model.plan.ResourceRef;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** langfuse.checkHealth against a canned Langfuse health endpoint, straight from the worker and through the relay. */
class LangfuseActivitiesTest {
  static final String HEALTH = "/api/public/health";

  CannedArm langfuse;
  ActivityHarness harness;

  @BeforeEach
  void setUp() throws Exception {
    langfuse = new CannedArm();
  }

  @AfterEach
  void tearDown() {
    if (harness != null) harness.close();
    langfuse.close();
  }

  LangfuseActions direct() {
    harness = new ActivityHarness(new ActivitiesConfig(langfuse.endpoint(), null, 1.0, null, null, null));
    harness.register(new LangfuseActivities(harness.config));
    return harness.stub(LangfuseActions.class);
  }

  ActionRequest request(Map<String, Object> params) {
    ResourceRef target = new ResourceRef("langfuse", "healthProbe", null, null, Map.of(
        "endpoints", Map.of("eastus", langfuse.url(HEALTH), "southcentralus", langfuse.url(HEALTH)),
        "vantagePoints", List.of("centralus")));
    return new ActionRequest("op-1", "check-telemetry", "langfuse.checkHealth", target, params, "genai", "eastus", "southcentralus", false);
  }

  @Test
  void aHealthyLangfuseReportsItsVersion() {
    langfuse.on("GET", HEALTH, CannedArm.ok("{\"status\":\"OK\",\"version\":\"3.112.0\"}"));

    ActionResult r = direct().checkHealth(request(Map.of("region", "southcentralus")));

    assertEquals(true, r.facts().get(LangfuseActivities.TELEMETRY_HEALTHY), r.message());
    assertEquals("3.112.0", r.facts().get("langfuseVersion"));
    assertFalse(r.changed());
  }

  @Test
  void anUnhealthyLangfuseDegradesTracingAndDoesNotFailTheStep() {
    langfuse.on("GET", HEALTH, CannedArm.status(503, Map.of(), "{\"status\":\"Database not available\"}"));

    ActionResult r = direct().checkHealth(request(Map.of("region", "southcentralus")));

    assertEquals(false, r.facts().get(LangfuseActivities.TELEMETRY_HEALTHY));
    assertEquals("tracing", r.facts().get("degraded"));
    assertTrue(r.message().contains("HTTP 503") && r.message().contains("goes on"), r.message());
  }

  @Test
  void anUnreachableLangfuseDegradesTracingToo() {
    LangfuseActions actions = direct();
    ActionRequest request = request(Map.of("region", "eastus"));
    langfuse.close();

    ActionResult r = actions.checkHealth(request);

    assertEquals(false, r.facts().get(LangfuseActivities.TELEMETRY_HEALTHY), r.message());
  }

  @Test
  void whenRequiredAnUnhealthyLangfuseIsRetried() {
    langfuse.on("GET", HEALTH, CannedArm.ok("{\"status\":\"starting\"}"));

    ApplicationFailure f = ActivityHarness.failure(() -> direct().checkHealth(request(Map.of("region", "eastus", "required", true))));

    assertEquals(AzureCall.NOT_CONVERGED, f.getType());
    assertFalse(f.isNonRetryable());
  }

  @Test
  void throughTheRelayTheFirstVantagePointAsks() {
    langfuse.onPattern("GET", "/_probe/centralus", CannedArm.ok("{\"status\":\"OK\",\"version\":\"3.112.0\"}"));
    harness = new ActivityHarness(new ActivitiesConfig(langfuse.endpoint(), langfuse.url("/_probe"), 1.0, null, null, null));
    harness.register(new LangfuseActivities(harness.config));

    ActionResult r = harness.stub(LangfuseActions.class).checkHealth(request(Map.of("region", "eastus")));

    assertEquals(true, r.facts().get(LangfuseActivities.TELEMETRY_HEALTHY), r.message());
    assertEquals(langfuse.url(HEALTH), langfuse.requests().get(0).query().get("url"));
  }

  @Test
  void aRegionWithoutALangfuseUrlFailsForGood() {
    ApplicationFailure f = ActivityHarness.failure(() -> direct().checkHealth(request(Map.of("region", "westus"))));

    assertEquals("InvalidParameter", f.getType());
    assertTrue(f.isNonRetryable());
  }
}
