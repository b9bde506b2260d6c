package dev.continuity.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.DatabricksActions;
import dev.continuity.model.plan.ResourceRef;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Jobs API calls of the Databricks actions, against canned workspace answers. */
class DatabricksActivitiesTest {
  static final String HOST = "adb-1111.1.azuredatabricks.net";
  static final String API = "/_databricks/" + HOST + "/api/2.1/jobs";
  static final String TWO_JOBS = """
      {"jobs":[{"job_id":11,"settings":{"name":"ingest","schedule":{"quartz_cron_expression":"0 0 * * * ?","timezone_id":"UTC",
        "pause_status":"UNPAUSED"}}},
       {"job_id":12,"settings":{"name":"adhoc"}}],"has_more":true,"next_page_token":"p2"}
      """;
  static final String PAGE_TWO = """
      {"jobs":[{"job_id":13,"settings":{"name":"stream","continuous":{"pause_status":"UNPAUSED"}}}],"has_more":false}
      """;

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

  static ActionRequest request(String action, Map<String, Object> params) {
    return ActivityHarness.request(action, new ResourceRef("dbw", "databricksWorkspace",
        "/subscriptions/" + ActivityHarness.SUB + "/resourceGroups/rg/providers/Microsoft.Databricks/workspaces/dbw",
        "eastus2", Map.of("workspaceUrl", HOST)), params, "eastus2", "westus2", true);
  }

  private void listJobs() {
    arm.onPattern("GET", "(?i)" + java.util.regex.Pattern.quote(API + "/list"), CannedArm.ok(TWO_JOBS), CannedArm.ok(PAGE_TWO),
        CannedArm.ok(TWO_JOBS.replace("\"UNPAUSED\"", "\"PAUSED\"")), CannedArm.ok(PAGE_TWO.replace("UNPAUSED", "PAUSED")));
  }

  @Test
  void pausesEveryScheduledJobAcrossPagesWithABearerToken() {
    listJobs();
    arm.on("POST", API + "/update", CannedArm.ok("{}"));

    var result = actions.pauseJobSchedules(request("databricks.pauseJobSchedules", Map.of()));

    assertTrue(result.changed());
    var updates = arm.requests("POST");
    assertEquals(2, updates.size(), "the unscheduled job is left alone: " + arm.requests());
    JsonNode first = updates.get(0).json();
    assertEquals(11, first.path("job_id").asInt());
    assertEquals("PAUSED", first.path("new_settings").path("schedule").path("pause_status").asText());
    assertEquals("0 0 * * * ?", first.path("new_settings").path("schedule").path("quartz_cron_expression").asText());
    assertEquals(1, first.path("new_settings").size(), "only the schedule is sent: " + first);
    assertEquals("PAUSED", updates.get(1).json().path("new_settings").path("continuous").path("pause_status").asText());
    assertEquals("p2", arm.requests("GET").get(1).query().get("page_token"));
    assertEquals("Bearer " + AzureClients.EMULATOR_TOKEN, updates.get(0).headers().get("authorization"));
  }

  @Test
  void forbiddenIsNotRetriedAndSaysWhatTheIdentityNeeds() {
    arm.on("GET", API + "/list", CannedArm.status(403, Map.of(), "{\"error_code\":\"PERMISSION_DENIED\",\"message\":\"not a user\"}"));

    ApplicationFailure f = ActivityHarness.failure(() -> actions.pauseJobSchedules(request("databricks.pauseJobSchedules", Map.of())));

    assertEquals(ArmFailures.AUTHORIZATION_FAILED, f.getType());
    assertTrue(f.isNonRetryable());
    assertTrue(f.getOriginalMessage().contains("PERMISSION_DENIED") && f.getOriginalMessage().contains("CAN MANAGE"), f.getOriginalMessage());
  }

  @Test
  void throttlingWaitsAsTheWorkspaceAsks() {
    arm.on("GET", API + "/runs/list", CannedArm.status(429, Map.of("Retry-After", "3"),
        "{\"error_code\":\"REQUEST_LIMIT_EXCEEDED\",\"message\":\"slow down\"}"));

    ApplicationFailure f = ActivityHarness.failure(() -> actions.cancelActiveRuns(request("databricks.cancelActiveRuns", Map.of())));

    assertEquals(ArmFailures.THROTTLED, f.getType());
    assertEquals(Duration.ofSeconds(3), f.getNextRetryDelay());
  }

  @Test
  void serverErrorIsRetryable() {
    arm.on("GET", API + "/runs/list", CannedArm.status(500, Map.of(), "{\"error_code\":\"INTERNAL_ERROR\",\"message\":\"boom\"}"));

    ApplicationFailure f = ActivityHarness.failure(() -> actions.cancelActiveRuns(request("databricks.cancelActiveRuns", Map.of())));

    assertEquals(ArmFailures.SERVER_ERROR, f.getType());
    assertFalse(f.isNonRetryable());
  }

  @Test
  void bestEffortRecordsAnUnreachableWorkspaceAndSucceeds() {
    arm.on("GET", API + "/runs/list", CannedArm.status(503, Map.of(),
        "{\"error_code\":\"TEMPORARILY_UNAVAILABLE\",\"message\":\"workspace unavailable\"}"));

    var result = actions.cancelActiveRuns(request("databricks.cancelActiveRuns", Map.of("bestEffort", true)));

    assertFalse(result.changed(), result.message());
    assertEquals(false, result.facts().get("reached"));
    assertEquals(BestEffort.ATTEMPTS, result.facts().get("attempts"));
    assertEquals(BestEffort.ATTEMPTS, arm.requests("GET").size(), "each attempt listed the runs once: " + arm.requests());
    assertTrue(arm.requests("POST").isEmpty(), "no cancel was sent: " + arm.requests());
  }

  @Test
  void bestEffortStillFailsOnAMissingPermission() {
    arm.on("GET", API + "/list", CannedArm.status(403, Map.of(), "{\"error_code\":\"PERMISSION_DENIED\",\"message\":\"not a user\"}"));

    ApplicationFailure f = ActivityHarness.failure(() -> actions.pauseJobSchedules(
        request("databricks.pauseJobSchedules", Map.of("bestEffort", true))));

    assertEquals(ArmFailures.AUTHORIZATION_FAILED, f.getType());
    assertTrue(f.isNonRetryable());
    assertEquals(1, arm.requests().size(), "a refusal is not tried again: " + arm.requests());
  }

  @Test
  void runsAlreadyTerminatingAreNotCancelledAgain() {
    arm.on("GET", API + "/runs/list", CannedArm.ok("""
        {"runs":[{"run_id":7,"job_id":11,"state":{"life_cycle_state":"TERMINATING"}}],"has_more":false}
        """));

    assertFalse(actions.cancelActiveRuns(request("databricks.cancelActiveRuns", Map.of())).changed());
    assertTrue(arm.requests("POST").isEmpty());
    assertEquals("true", arm.requests().get(0).query().get("active_only"));
  }

  @Test
  void aTargetWithoutWorkspaceUrlFailsForGood() {
    ApplicationFailure f = ActivityHarness.failure(() -> actions.pauseJobSchedules(ActivityHarness.request(
        "databricks.pauseJobSchedules", "databricksWorkspace", "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Databricks/workspaces/w",
        Map.of())));

    assertEquals("InvalidTarget", f.getType());
    assertTrue(f.isNonRetryable());
  }

  @Test
  void productionTalksToTheWorkspaceOverHttps() {
    DatabricksJobsApi api = new DatabricksJobsApi(ActivitiesConfig.azure());
    assertEquals("https://" + HOST, api.base(HOST));
    assertEquals("https://" + HOST, api.base("https://" + HOST + "/"));
  }
}
