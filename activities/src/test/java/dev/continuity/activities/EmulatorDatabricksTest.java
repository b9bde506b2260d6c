package dev.continuity.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.continuity.model.Json;
import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.DatabricksActions;
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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Databricks job actions against the emulated Jobs API 2.1 of two workspaces. */
class EmulatorDatabricksTest extends EmulatedActionsTest {
  static final String RG = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-data/providers/Microsoft.Databricks/workspaces/";
  static final String EAST = RG + "dbw-east";
  static final String WEST = RG + "dbw-west";
  static final String EAST_URL = "adb-1111.1.azuredatabricks.net";
  static final String WEST_URL = "adb-2222.2.azuredatabricks.net";

  DatabricksActions dbx;

  @BeforeEach
  void stubs() {
    dbx = stub(DatabricksActions.class);
  }

  @Override
  Inventory inventory() {
    Map<String, Resource> data = new LinkedHashMap<>();
    data.put("dbw", new Resource("dbw", ResourceKinds.DATABRICKS_WORKSPACE, EAST, "eastus2", Map.of("workspaceUrl", EAST_URL,
        "jobs", List.of("ingest", "features", "train"), "activeRuns", List.of("ingest", "train"))));
    data.put("dbw-secondary", new Resource("dbw-secondary", ResourceKinds.DATABRICKS_WORKSPACE, WEST, "westus2",
        Map.of("workspaceUrl", "https://" + WEST_URL + "/", "jobs", List.of("ingest", "features", "train"))));
    return new Inventory("demo", List.of("centralus"), Map.of("dr-leads", List.of("alice@contoso.com")), List.of(
        new Stamp("data", "eastus2", "westus2", Targets.DEFAULT, List.of("group:dr-leads"), SeverityPolicy.DEFAULT,
            ApprovalPolicy.DEFAULT, Duration.ofMinutes(30), data)));
  }

  static ActionRequest step(String action, String id, String url, String region, Map<String, Object> params) {
    return new ActionRequest("op-1", action, action, new ResourceRef(action, ResourceKinds.DATABRICKS_WORKSPACE, id, region,
        Map.of("workspaceUrl", url)), params, "data", "eastus2", "westus2", true);
  }

  int journal(String resource, String operation) {
    return control.journal(resource, operation).path("entries").size();
  }

  /** A job of a workspace as the Jobs API shows it. */
  JsonNode job(String host, String name) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/_databricks/"
        + host + "/api/2.1/jobs/list")).header("Authorization", "Bearer t").build(), HttpResponse.BodyHandlers.ofString());
    for (JsonNode j : Json.MAPPER.readTree(r.body()).path("jobs")) if (j.path("settings").path("name").asText().equals(name)) return j;
    throw new AssertionError("no job " + name + " in " + r.body());
  }

  @Test
  void freezeThePrimaryWorkspaceAndResumeTheSecondaryOnce() throws Exception {
    ActionRequest pause = step("databricks.pauseJobSchedules", EAST, EAST_URL, "eastus2", Map.of());
    ActionResult paused = dbx.pauseJobSchedules(pause);
    assertEquals(List.of("ingest", "features", "train"), paused.facts().get("paused"));
    assertFalse(dbx.pauseJobSchedules(pause).changed());
    assertEquals(3, journal(EAST + "/jobs/", "databricks.updateJob"));
    assertEquals("PAUSED", job(EAST_URL, "train").path("settings").path("schedule").path("pause_status").asText());
    assertEquals("0 0 * * * ?", job(EAST_URL, "train").path("settings").path("schedule").path("quartz_cron_expression").asText(),
        "the rest of the schedule is kept");

    ActionRequest cancel = step("databricks.cancelActiveRuns", EAST, EAST_URL, "eastus2", Map.of("jobs", List.of("train")));
    assertEquals(1, ((List<?>) dbx.cancelActiveRuns(cancel).facts().get("cancelledRuns")).size());
    assertFalse(dbx.cancelActiveRuns(cancel).changed());
    ActionRequest cancelAll = step("databricks.cancelActiveRuns", EAST, EAST_URL, "eastus2", Map.of());
    assertEquals(1, ((List<?>) dbx.cancelActiveRuns(cancelAll).facts().get("cancelledRuns")).size(), "the ingest run is left");
    assertEquals(2, journal(EAST + "/runs/", "databricks.cancelRun"));

    ActionRequest repoint = step("databricks.setJobParameters", WEST, "https://" + WEST_URL, "westus2",
        Map.of("jobs", List.of("ingest", "train"), "parameters", Map.of("storage_account", "stdatawestus2")));
    assertTrue(dbx.setJobParameters(repoint).changed());
    assertFalse(dbx.setJobParameters(repoint).changed());
    JsonNode params = job(WEST_URL, "train").path("settings").path("parameters");
    assertEquals(3, params.size(), "the region and active_region parameters are kept: " + params);

    ActionRequest resume = step("databricks.resumeJobSchedules", WEST, WEST_URL, "westus2", Map.of("jobs", "ingest,train"));
    assertEquals(List.of("ingest", "train"), dbx.resumeJobSchedules(resume).facts().get("resumed"));
    assertFalse(dbx.resumeJobSchedules(resume).changed());
    assertEquals("PAUSED", job(WEST_URL, "features").path("settings").path("schedule").path("pause_status").asText());
  }

  @Test
  void unknownJobFailsForGoodAndAWorkspaceInALostRegionIsRetried() {
    ActivityFailure unknown = Assertions.assertThrows(ActivityFailure.class, () -> dbx.pauseJobSchedules(
        step("databricks.pauseJobSchedules", EAST, EAST_URL, "eastus2", Map.of("jobs", "nope"))));
    assertEquals("InvalidParameter", ((ApplicationFailure) unknown.getCause()).getType());
    assertTrue(unknown.getCause().getMessage().contains("[ingest, features, train]"), unknown.getCause().getMessage());

    control.outage("eastus2");
    ActivityFailure down = Assertions.assertThrows(ActivityFailure.class, () -> dbx.pauseJobSchedules(
        step("databricks.pauseJobSchedules", EAST, EAST_URL, "eastus2", Map.of())));
    ApplicationFailure cause = (ApplicationFailure) down.getCause();
    assertEquals(ArmFailures.SERVER_ERROR, cause.getType());
    assertFalse(cause.isNonRetryable());
  }
}
