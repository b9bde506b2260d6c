package dev.continuity.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.DataFactoryActions;
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
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Data Factory actions against the ARM emulator: freeze the primary, check the secondary's runtime, resume there. */
class EmulatorDataFactoryTest extends EmulatedActionsTest {
  static final String SUB = "00000000-0000-0000-0000-000000000000";
  static final String RG = "/subscriptions/" + SUB + "/resourceGroups/rg-data/providers/Microsoft.DataFactory/factories/";
  static final String EAST = RG + "adf-east";
  static final String WEST = RG + "adf-west";

  DataFactoryActions adf;

  @BeforeEach
  void stubs() {
    adf = stub(DataFactoryActions.class);
  }

  @Override
  Inventory inventory() {
    Map<String, Resource> data = new LinkedHashMap<>();
    data.put("adf", new Resource("adf", ResourceKinds.DATA_FACTORY, EAST, "eastus2", Map.of("triggers", List.of("nightly", "hourly"),
        "runningPipelines", List.of("ingest", "score"), "integrationRuntimes", Map.of("shir", "eastus2"))));
    data.put("adf-secondary", new Resource("adf-secondary", ResourceKinds.DATA_FACTORY, WEST, "westus2",
        Map.of("triggers", List.of("nightly", "hourly"), "integrationRuntimes", Map.of("shir", "westus2", "shir-onprem", "eastus2"))));
    return new Inventory("demo", List.of("centralus"), Map.of("dr-leads", List.of("alice@contoso.com")), List.of(
        new Stamp("data", "eastus2", "westus2", Targets.DEFAULT, List.of("group:dr-leads"), SeverityPolicy.DEFAULT,
            ApprovalPolicy.DEFAULT, Duration.ofMinutes(30), data)));
  }

  static ActionRequest step(String action, String id, String region, Map<String, Object> params) {
    return new ActionRequest("op-1", action, action, new ResourceRef(action, ResourceKinds.DATA_FACTORY, id, region, Map.of()),
        params, "data", "eastus2", "westus2", true);
  }

  int journal(String resource, String operation) {
    return control.journal(resource, operation).path("entries").size();
  }

  @Test
  void plannedMoveFreezesThePrimaryAndResumesOnTheSecondaryOnce() {
    ActionRequest stop = step("dataFactory.stopTriggers", EAST, "eastus2", Map.of("triggers", List.of("nightly", "hourly")));
    assertTrue(adf.stopTriggers(stop).changed());
    assertFalse(adf.stopTriggers(stop).changed());
    assertEquals(2, journal(EAST + "/triggers/", "dataFactory.stopTrigger"));

    ActionRequest cancel = step("dataFactory.cancelPipelineRuns", EAST, "eastus2", Map.of());
    ActionResult cancelled = adf.cancelPipelineRuns(cancel);
    assertEquals(2, ((List<?>) cancelled.facts().get("cancelledRuns")).size(), cancelled.message());
    assertFalse(adf.cancelPipelineRuns(cancel).changed());
    assertEquals(2, journal(EAST, "dataFactory.cancelRun"));

    ActionResult runtime = adf.checkIntegrationRuntime(step("dataFactory.checkIntegrationRuntime", WEST, "westus2",
        Map.of("integrationRuntime", "shir")));
    assertEquals("Online", runtime.facts().get("state"));

    ActionRequest resume = step("dataFactory.startTriggers", WEST, "westus2", Map.of("triggers", "nightly,hourly"));
    assertTrue(adf.startTriggers(resume).changed());
    assertFalse(adf.startTriggers(resume).changed());
    assertEquals(2, journal(WEST + "/triggers/", "dataFactory.startTrigger"));
  }

  @Test
  void aRuntimeWhoseNodesAreInTheLostRegionRefusesTheResume() {
    control.outage("eastus2");
    ActivityFailure f = Assertions.assertThrows(ActivityFailure.class, () -> adf.checkIntegrationRuntime(
        step("dataFactory.checkIntegrationRuntime", WEST, "westus2", Map.of("integrationRuntime", "shir-onprem"))));
    ApplicationFailure cause = (ApplicationFailure) f.getCause();
    assertEquals(DataFactoryActivities.RUNTIME_OFFLINE, cause.getType());
    assertTrue(cause.isNonRetryable());
    assertTrue(cause.getOriginalMessage().contains("0/1 nodes online"), cause.getOriginalMessage());

    ActivityFailure primaryDown = Assertions.assertThrows(ActivityFailure.class, () -> adf.stopTriggers(
        step("dataFactory.stopTriggers", EAST, "eastus2", Map.of("triggers", "nightly"))));
    assertFalse(((ApplicationFailure) primaryDown.getCause()).isNonRetryable(), "a region outage is retryable (503)");
  }
}
