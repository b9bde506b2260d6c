package dev.continuity.activities;

import static dev.continuity.activities.ActivityHarness.SUB;
import static dev.continuity.activities.CannedArm.example;
import static dev.continuity.activities.CannedArm.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.DataFactoryActions;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DataFactoryActivitiesTest {
  static final Instant NOW = Instant.parse("2026-11-21T18:00:00Z");
  static final String FACTORY = "/subscriptions/" + SUB + "/resourceGroups/rg-data/providers/Microsoft.DataFactory/factories/adf-east";
  static final String NIGHTLY = FACTORY + "/triggers/nightly";
  static final String HOURLY = FACTORY + "/triggers/hourly";
  static final String QUERY = FACTORY + "/queryPipelineRuns";
  static final String IR_STATUS = FACTORY + "/integrationruntimes/shir/getStatus";

  CannedArm arm;
  ActivityHarness harness;
  DataFactoryActions actions;

  @BeforeEach
  void setUp() throws Exception {
    arm = new CannedArm();
    harness = new ActivityHarness(arm);
    harness.register(new DataFactoryActivities(harness.clients, Clock.fixed(NOW, ZoneOffset.UTC)));
    actions = harness.stub(DataFactoryActions.class);
  }

  @AfterEach
  void tearDown() {
    harness.close();
    arm.close();
  }

  /** Azure's Triggers_Get example as trigger {@code id} in the given runtime state. */
  static String trigger(String id, String state) {
    ObjectNode body = example("datafactory/2018-06-01/Triggers_Get.json", "200");
    body.put("id", id).put("name", id.substring(id.lastIndexOf('/') + 1));
    ((ObjectNode) body.path("properties")).put("runtimeState", state);
    return json(body);
  }

  static String runs(String... pipelineAndStatus) {
    StringBuilder sb = new StringBuilder("{\"value\":[");
    for (int i = 0; i < pipelineAndStatus.length; i += 2) {
      if (i > 0) sb.append(',');
      sb.append("{\"runId\":\"run-").append(i / 2).append("\",\"pipelineName\":\"").append(pipelineAndStatus[i])
          .append("\",\"status\":\"").append(pipelineAndStatus[i + 1]).append("\"}");
    }
    return sb.append("],\"continuationToken\":null}").toString();
  }

  @Test
  void stopsOnlyTheTriggersThatRun() {
    arm.on("GET", NIGHTLY, CannedArm.ok(trigger(NIGHTLY, "Started")), CannedArm.ok(trigger(NIGHTLY, "Stopped")));
    arm.on("GET", HOURLY, CannedArm.ok(trigger(HOURLY, "Stopped")));
    arm.on("POST", NIGHTLY + "/stop", CannedArm.status(200, Map.of(), ""));

    ActionResult result = actions.stopTriggers(ActivityHarness.request("dataFactory.stopTriggers", "dataFactory", FACTORY,
        Map.of("triggers", List.of("nightly", "hourly"))));

    assertTrue(result.changed(), result.message());
    assertEquals(List.of("nightly"), result.facts().get("stopped"));
    assertEquals(1, arm.mutations().size(), arm.requests().toString());
    CannedArm.Recorded stop = arm.mutations().get(0);
    assertEquals(NIGHTLY + "/stop", stop.path());
    assertEquals("2018-06-01", stop.apiVersion());
  }

  @Test
  void startingStartedTriggersChangesNothing() {
    arm.on("GET", NIGHTLY, CannedArm.ok(trigger(NIGHTLY, "Started")));

    ActionResult result = actions.startTriggers(ActivityHarness.request("dataFactory.startTriggers", "dataFactory", FACTORY,
        Map.of("triggers", "nightly")));

    assertFalse(result.changed());
    assertTrue(arm.mutations().isEmpty());
  }

  @Test
  void triggerThatDoesNotStartIsRetryable() {
    arm.on("GET", NIGHTLY, CannedArm.ok(trigger(NIGHTLY, "Stopped")));
    arm.on("POST", NIGHTLY + "/start", CannedArm.status(200, Map.of(), ""));

    ApplicationFailure f = ActivityHarness.failure(() -> actions.startTriggers(ActivityHarness.request(
        "dataFactory.startTriggers", "dataFactory", FACTORY, Map.of("triggers", "nightly"))));

    assertEquals(AzureCall.NOT_CONVERGED, f.getType());
    assertFalse(f.isNonRetryable());
  }

  @Test
  void missingTriggerListFailsForGood() {
    ApplicationFailure f = ActivityHarness.failure(() -> actions.stopTriggers(ActivityHarness.request(
        "dataFactory.stopTriggers", "dataFactory", FACTORY, Map.of())));

    assertEquals("InvalidParameter", f.getType());
    assertTrue(f.isNonRetryable());
    assertTrue(arm.requests().isEmpty());
  }

  @Test
  void cancelsQueuedAndRunningRunsRecursively() {
    arm.on("POST", QUERY, CannedArm.ok(runs("ingest", "InProgress", "score", "Queued")),
        CannedArm.ok(runs("ingest", "Cancelling")));
    arm.onPattern("POST", "(?i)" + java.util.regex.Pattern.quote(FACTORY + "/pipelineruns/") + "run-\\d/cancel",
        CannedArm.status(200, Map.of(), ""));

    ActionResult result = actions.cancelPipelineRuns(ActivityHarness.request("dataFactory.cancelPipelineRuns", "dataFactory",
        FACTORY, Map.of("pipelines", List.of("ingest", "score"), "lookbackHours", 6)));

    assertTrue(result.changed());
    assertEquals(List.of("run-0", "run-1"), result.facts().get("cancelledRuns"));
    List<CannedArm.Recorded> cancels = arm.requests("POST").stream().filter(r -> r.path().endsWith("/cancel")).toList();
    assertEquals(2, cancels.size());
    assertEquals("true", cancels.get(0).query().get("isRecursive"));
    assertEquals("2018-06-01", cancels.get(0).apiVersion());
    JsonNode query = arm.requests("POST").get(0).json();
    assertEquals(NOW.minus(Duration.ofHours(6)), java.time.OffsetDateTime.parse(query.path("lastUpdatedAfter").asText()).toInstant());
    assertEquals("Status", query.path("filters").path(0).path("operand").asText());
    assertEquals("In", query.path("filters").path(0).path("operator").asText());
    assertEquals("PipelineName", query.path("filters").path(1).path("operand").asText());
  }

  @Test
  void noActiveRunsChangesNothing() {
    arm.on("POST", QUERY, CannedArm.ok(runs()));

    ActionResult result = actions.cancelPipelineRuns(ActivityHarness.request("dataFactory.cancelPipelineRuns", "dataFactory",
        FACTORY, Map.of()));

    assertFalse(result.changed());
    assertEquals(1, arm.requests().size());
  }

  @Test
  void aRunThatEndedBeforeItsCancelIsFine() {
    arm.on("POST", QUERY, CannedArm.ok(runs("ingest", "InProgress")), CannedArm.ok(runs()));
    arm.on("POST", FACTORY + "/pipelineruns/run-0/cancel", CannedArm.status(400, Map.of(),
        CannedArm.armError("BadRequest", "The pipeline run is already in a terminal state")));
    arm.on("GET", FACTORY + "/pipelineruns/run-0", CannedArm.ok("{\"runId\":\"run-0\",\"pipelineName\":\"ingest\",\"status\":\"Succeeded\"}"));

    ActionResult result = actions.cancelPipelineRuns(ActivityHarness.request("dataFactory.cancelPipelineRuns", "dataFactory",
        FACTORY, Map.of()));

    assertEquals(List.of(), result.facts().get("cancelledRuns"));
  }

  @Test
  void throttledQueryWaitsAsAzureAsks() {
    arm.on("POST", QUERY, CannedArm.status(429, Map.of("Retry-After", "12"), CannedArm.armError("TooManyRequests", "slow down")));

    ApplicationFailure f = ActivityHarness.failure(() -> actions.cancelPipelineRuns(ActivityHarness.request(
        "dataFactory.cancelPipelineRuns", "dataFactory", FACTORY, Map.of())));

    assertEquals(ArmFailures.THROTTLED, f.getType());
    assertEquals(Duration.ofSeconds(12), f.getNextRetryDelay());
  }

  @Test
  void forbiddenTriggerReadIsNotRetried() {
    arm.on("GET", NIGHTLY, CannedArm.status(403, Map.of(), CannedArm.armError("AuthorizationFailed", "no access")));

    ApplicationFailure f = ActivityHarness.failure(() -> actions.stopTriggers(ActivityHarness.request(
        "dataFactory.stopTriggers", "dataFactory", FACTORY, Map.of("triggers", "nightly"))));

    assertEquals(ArmFailures.AUTHORIZATION_FAILED, f.getType());
    assertTrue(f.getOriginalMessage().contains("Data Factory Contributor"), f.getOriginalMessage());
  }

  @Test
  void serverErrorOnStopIsRetryable() {
    arm.on("GET", NIGHTLY, CannedArm.ok(trigger(NIGHTLY, "Started")));
    arm.on("POST", NIGHTLY + "/stop", CannedArm.status(500, Map.of(), CannedArm.armError("InternalServerError", "boom")));

    ApplicationFailure f = ActivityHarness.failure(() -> actions.stopTriggers(ActivityHarness.request(
        "dataFactory.stopTriggers", "dataFactory", FACTORY, Map.of("triggers", "nightly"))));

    assertEquals(ArmFailures.SERVER_ERROR, f.getType());
    assertFalse(f.isNonRetryable());
  }

  @Test
  void bestEffortRecordsAnUnreachableFactoryAndSucceeds() {
    arm.on("GET", NIGHTLY, CannedArm.status(503, Map.of(), CannedArm.armError("ServiceUnavailable", "region eastus2 unavailable")));

    ActionResult result = actions.stopTriggers(ActivityHarness.request(
        "dataFactory.stopTriggers", "dataFactory", FACTORY, Map.of("triggers", "nightly", "bestEffort", true)));

    assertFalse(result.changed(), result.message());
    assertEquals(false, result.facts().get("reached"));
    assertEquals(BestEffort.ATTEMPTS, result.facts().get("attempts"));
    assertEquals(BestEffort.ATTEMPTS, arm.requests("GET").size(), "each attempt read the trigger once: " + arm.requests());
    assertTrue(String.valueOf(result.facts().get("reason")).contains("ServiceUnavailable"), result.facts().toString());
    assertTrue(arm.requests("POST").isEmpty(), "nothing was sent after the failed read: " + arm.requests());
  }

  @Test
  void bestEffortTriesAgainAfterOneTransientFailureAndStopsTheTrigger() {
    // A healthy old primary refuses the stop once; the second attempt reads the trigger again and stops it.
    arm.on("GET", NIGHTLY, CannedArm.ok(trigger(NIGHTLY, "Started")), CannedArm.ok(trigger(NIGHTLY, "Started")),
        CannedArm.ok(trigger(NIGHTLY, "Stopped")));
    arm.on("POST", NIGHTLY + "/stop", CannedArm.status(503, Map.of(), CannedArm.armError("ServiceUnavailable", "try again")),
        CannedArm.status(200, Map.of(), ""));

    ActionResult result = actions.stopTriggers(ActivityHarness.request(
        "dataFactory.stopTriggers", "dataFactory", FACTORY, Map.of("triggers", "nightly", "bestEffort", true)));

    assertTrue(result.changed(), result.message());
    assertEquals(List.of("nightly"), result.facts().get("stopped"));
    assertEquals(2, result.facts().get("attempts"));
    assertFalse(result.facts().containsKey("reached"), result.facts().toString());
    assertEquals(2, arm.requests("POST").size(), "one refused stop, one that went through: " + arm.requests());
  }

  @Test
  void bestEffortStillFailsOnAMissingPermission() {
    arm.on("GET", NIGHTLY, CannedArm.status(403, Map.of(), CannedArm.armError("AuthorizationFailed", "no access")));

    ApplicationFailure f = ActivityHarness.failure(() -> actions.stopTriggers(ActivityHarness.request(
        "dataFactory.stopTriggers", "dataFactory", FACTORY, Map.of("triggers", "nightly", "bestEffort", true))));

    assertEquals(ArmFailures.AUTHORIZATION_FAILED, f.getType());
    assertTrue(f.isNonRetryable());
    assertEquals(1, arm.requests().size(), "a refusal is not tried again: " + arm.requests());
  }

  @Test
  void bestEffortStillFailsAtOnceOnABadRequest() {
    arm.on("GET", NIGHTLY, CannedArm.ok(trigger(NIGHTLY, "Started")));
    arm.on("POST", NIGHTLY + "/stop", CannedArm.status(400, Map.of(), CannedArm.armError("BadRequest", "malformed")));

    ApplicationFailure f = ActivityHarness.failure(() -> actions.stopTriggers(ActivityHarness.request(
        "dataFactory.stopTriggers", "dataFactory", FACTORY, Map.of("triggers", "nightly", "bestEffort", true))));

    assertTrue(f.isNonRetryable(), f.getType());
    assertEquals(1, arm.requests("POST").size(), "a bad request is not tried again: " + arm.requests());
  }

  static String selfHosted(String state, String... nodeStatuses) {
    StringBuilder nodes = new StringBuilder();
    for (int i = 0; i < nodeStatuses.length; i++) {
      if (i > 0) nodes.append(',');
      nodes.append("{\"nodeName\":\"node-").append(i).append("\",\"status\":\"").append(nodeStatuses[i]).append("\"}");
    }
    return "{\"name\":\"shir\",\"properties\":{\"type\":\"SelfHosted\",\"dataFactoryName\":\"adf-east\",\"state\":\"" + state
        + "\",\"typeProperties\":{\"nodes\":[" + nodes + "]}}}";
  }

  @Test
  void onlineSelfHostedRuntimeReportsItsNodes() {
    arm.on("POST", IR_STATUS, CannedArm.ok(selfHosted("Online", "Online", "Online")));

    ActionResult result = actions.checkIntegrationRuntime(ActivityHarness.request("dataFactory.checkIntegrationRuntime",
        "dataFactory", FACTORY, Map.of("integrationRuntime", "shir")));

    assertFalse(result.changed());
    assertEquals("Online", result.facts().get("state"));
    assertEquals("SelfHosted", result.facts().get("type"));
    assertEquals(2, result.facts().get("nodesOnline"));
    assertEquals("2018-06-01", arm.requests().get(0).apiVersion());
  }

  @Test
  void offlineRuntimeStopsTheRunbookForGood() {
    arm.on("POST", IR_STATUS, CannedArm.ok(selfHosted("Offline", "Offline")));

    ApplicationFailure f = ActivityHarness.failure(() -> actions.checkIntegrationRuntime(ActivityHarness.request(
        "dataFactory.checkIntegrationRuntime", "dataFactory", FACTORY, Map.of("integrationRuntime", "shir"))));

    assertEquals(DataFactoryActivities.RUNTIME_OFFLINE, f.getType());
    assertTrue(f.isNonRetryable());
    assertTrue(f.getOriginalMessage().contains("0/1 nodes online"), f.getOriginalMessage());
  }

  @Test
  void limitedRuntimeNeedsToBeAllowed() {
    arm.on("POST", IR_STATUS, CannedArm.ok(selfHosted("Limited", "Online", "Offline")));

    ApplicationFailure f = ActivityHarness.failure(() -> actions.checkIntegrationRuntime(ActivityHarness.request(
        "dataFactory.checkIntegrationRuntime", "dataFactory", FACTORY, Map.of("integrationRuntime", "shir"))));
    assertTrue(f.getOriginalMessage().contains("allowLimited"), f.getOriginalMessage());

    ActionResult allowed = actions.checkIntegrationRuntime(ActivityHarness.request("dataFactory.checkIntegrationRuntime",
        "dataFactory", FACTORY, Map.of("integrationRuntime", "shir", "allowLimited", true)));
    assertEquals(1, allowed.facts().get("nodesOnline"));
  }
}
