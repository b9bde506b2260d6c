package dev.continuity.activities;

import static dev.continuity.activities.ActivityHarness.SUB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.ChaosActions;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChaosActivitiesTest {
  static final String EXP = "/subscriptions/" + SUB + "/resourceGroups/rg-drills/providers/Microsoft.Chaos/experiments/eastus-outage";
  static final String EXECUTIONS = EXP + "/executions";
  static final String ASYNC = "/subscriptions/" + SUB + "/providers/Microsoft.Chaos/locations/westus/operationStatuses/op-1";
  static final String API = "2024-01-01";

  CannedArm arm;
  ActivityHarness harness;
  ChaosActions actions;

  @BeforeEach
  void setUp() throws Exception {
    arm = new CannedArm();
    harness = new ActivityHarness(arm);
    harness.register(new ChaosActivities(harness.clients, harness.config));
    actions = harness.stub(ChaosActions.class);
  }

  @AfterEach
  void tearDown() {
    harness.close();
    arm.close();
  }

  /** The shape of Azure's Experiments_ListAllExecutions answer. */
  static String executions(String... statusAndStart) {
    StringBuilder b = new StringBuilder("{\"value\":[");
    for (int i = 0; i < statusAndStart.length; i += 2) {
      String name = "0000000" + i + "-1111-2222-3333-444444444444";
      if (i > 0) b.append(',');
      b.append("{\"id\":\"").append(EXECUTIONS).append('/').append(name).append("\",\"name\":\"").append(name)
          .append("\",\"type\":\"Microsoft.Chaos/experiments/executions\",\"properties\":{\"status\":\"").append(statusAndStart[i])
          .append("\",\"startedAt\":\"").append(statusAndStart[i + 1]).append("\"}}");
    }
    return b.append("]}").toString();
  }

  static CannedArm.Canned operation(String status) {
    return CannedArm.ok("{\"id\":\"" + ASYNC + "\",\"name\":\"op-1\",\"status\":\"" + status + "\",\"startTime\":\"2026-11-21T12:00:00Z\"}");
  }


  static ActionRequest step(String action) {
    return ActivityHarness.request(action, "chaosExperiment", EXP, Map.of());
  }

  @Test
  void startsAnIdleExperimentOnceAndFollowsTheOperation() {
    arm.on("GET", EXECUTIONS, CannedArm.ok(executions("Cancelled", "2026-11-01T10:00:00Z")),
        CannedArm.ok(executions("Cancelled", "2026-11-01T10:00:00Z", "Running", "2026-11-21T12:00:00Z")));
    arm.on("POST", EXP + "/start", CannedArm.status(202, Map.of("Azure-AsyncOperation", arm.url(ASYNC), "Retry-After", "0"), ""));
    arm.on("GET", ASYNC, operation("Running"), operation("Succeeded"));

    ActionResult first = actions.startExperiment(step("chaos.startExperiment"));
    ActionResult second = actions.startExperiment(step("chaos.startExperiment"));

    assertTrue(first.changed(), first.message());
    assertEquals(true, first.facts().get("running"));
    assertFalse(second.changed(), second.message());
    assertEquals(1, arm.requests("POST").size());
    assertEquals(API, arm.requests("POST").get(0).apiVersion());
    assertEquals(API, arm.requests("GET").get(0).apiVersion());
    assertEquals(2, arm.requests().stream().filter(r -> r.path().equals(ASYNC)).count());
  }

  @Test
  void aRunningExperimentIsNotStartedAgain() {
    arm.on("GET", EXECUTIONS, CannedArm.ok(executions("Success", "2026-11-01T10:00:00Z", "PreProcessingQueued", "2026-11-21T12:00:00Z")));

    ActionResult result = actions.startExperiment(step("chaos.startExperiment"));

    assertFalse(result.changed());
    assertTrue(result.message().contains("PreProcessingQueued"), result.message());
    assertTrue(arm.mutations().isEmpty());
  }

  @Test
  void aStartThatLeavesNoExecutionIsRetried() {
    arm.on("GET", EXECUTIONS, CannedArm.ok(executions("Failed", "2026-11-01T10:00:00Z")));
    arm.on("POST", EXP + "/start", CannedArm.status(200, Map.of(), ""));

    ApplicationFailure f = ActivityHarness.failure(() -> actions.startExperiment(step("chaos.startExperiment")));

    assertEquals(AzureCall.NOT_CONVERGED, f.getType());
    assertFalse(f.isNonRetryable());
  }

  @Test
  void resumedStartPollsTheRecordedOperation() {
    arm.on("GET", EXECUTIONS, CannedArm.ok(executions("Running", "2026-11-21T12:00:00Z")));
    arm.on("GET", ASYNC, operation("Succeeded"));
    harness.env.setHeartbeatDetails(new OperationCheckpoint("chaos.startExperiment", EXP, arm.url(ASYNC), OperationCheckpoint.ASYNC_OPERATION));

    assertTrue(actions.startExperiment(step("chaos.startExperiment")).changed());
    assertTrue(arm.mutations().isEmpty(), arm.requests().toString());
  }

  @Test
  void cancelsTheRunningExecutionOnceAndAFinishedOneIsANoOp() {
    arm.on("GET", EXECUTIONS, CannedArm.ok(executions("Running", "2026-11-21T12:00:00Z")),
        CannedArm.ok(executions("Cancelled", "2026-11-21T12:00:00Z")));
    arm.on("POST", EXP + "/cancel", CannedArm.status(202, Map.of("Azure-AsyncOperation", arm.url(ASYNC), "Retry-After", "0"), ""));
    arm.on("GET", ASYNC, operation("Succeeded"));

    assertTrue(actions.cancelExperiment(step("chaos.cancelExperiment")).changed());
    ActionResult again = actions.cancelExperiment(step("chaos.cancelExperiment"));

    assertFalse(again.changed());
    assertEquals("Cancelled", again.facts().get("lastStatus"));
    assertEquals(1, arm.requests("POST").size());
    assertEquals(API, arm.requests("POST").get(0).apiVersion());
  }

  @Test
  void aCancelThatLeavesTheExecutionRunningIsRetried() {
    arm.on("GET", EXECUTIONS, CannedArm.ok(executions("Running", "2026-11-21T12:00:00Z")));
    arm.on("POST", EXP + "/cancel", CannedArm.status(202, Map.of("Azure-AsyncOperation", arm.url(ASYNC), "Retry-After", "0"), ""));
    arm.on("GET", ASYNC, operation("Succeeded"));

    ApplicationFailure f = ActivityHarness.failure(() -> actions.cancelExperiment(step("chaos.cancelExperiment")));

    assertEquals(AzureCall.NOT_CONVERGED, f.getType());
  }

  @Test
  void errorClasses() {
    arm.on("GET", EXECUTIONS, CannedArm.status(403, Map.of(), CannedArm.armError("AuthorizationFailed", "no")));
    ApplicationFailure forbidden = ActivityHarness.failure(() -> actions.startExperiment(step("chaos.startExperiment")));
    assertEquals(ArmFailures.AUTHORIZATION_FAILED, forbidden.getType());
    assertTrue(forbidden.isNonRetryable());
    assertTrue(forbidden.getOriginalMessage().contains("Microsoft.Chaos/experiments/start/action"), forbidden.getOriginalMessage());

    arm.on("GET", EXECUTIONS, CannedArm.status(401, Map.of(), CannedArm.armError("InvalidAuthenticationToken", "expired")));
    assertTrue(ActivityHarness.failure(() -> actions.cancelExperiment(step("chaos.cancelExperiment"))).isNonRetryable());

    arm.on("GET", EXECUTIONS, CannedArm.status(429, Map.of("Retry-After", "5"), CannedArm.armError("TooManyRequests", "slow")));
    ApplicationFailure throttled = ActivityHarness.failure(() -> actions.startExperiment(step("chaos.startExperiment")));
    assertEquals(Duration.ofSeconds(5), throttled.getNextRetryDelay());

    arm.on("GET", EXECUTIONS, CannedArm.status(500, Map.of(), CannedArm.armError("InternalServerError", "boom")));
    ApplicationFailure server = ActivityHarness.failure(() -> actions.cancelExperiment(step("chaos.cancelExperiment")));
    assertEquals(ArmFailures.SERVER_ERROR, server.getType());
    assertFalse(server.isNonRetryable());

    // A start Azure refuses for now (another operation on the experiment) is retried, not abandoned.
    arm.on("GET", EXECUTIONS, CannedArm.ok(executions("Success", "2026-11-01T10:00:00Z")));
    arm.on("POST", EXP + "/start", CannedArm.status(409, Map.of(), CannedArm.armError("Conflict", "busy")));
    ApplicationFailure conflict = ActivityHarness.failure(() -> actions.startExperiment(step("chaos.startExperiment")));
    assertEquals(ArmFailures.SERVER_ERROR, conflict.getType());
    assertFalse(conflict.isNonRetryable());
  }
}
