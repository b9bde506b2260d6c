package dev.continuity.activities;

import static dev.continuity.activities.ActivityHarness.SUB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.ApplicationGatewayActions;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApplicationGatewayActivitiesTest {
  static final String RG = "/subscriptions/" + SUB + "/resourceGroups/rg-web/providers/Microsoft.Network/";
  static final String GW = RG + "applicationGateways/agw-west";
  static final String POLICY = RG + "ApplicationGatewayWebApplicationFirewallPolicies/waf-west";
  static final String RESULT = "/subscriptions/" + SUB + "/providers/Microsoft.Network/locations/westus2/operationResults/op-1";
  static final String API = "2024-07-01";

  CannedArm arm;
  ActivityHarness harness;
  ApplicationGatewayActions actions;

  @BeforeEach
  void setUp() throws Exception {
    arm = new CannedArm();
    harness = new ActivityHarness(arm);
    harness.register(new ApplicationGatewayActivities(harness.clients, harness.config));
    actions = harness.stub(ApplicationGatewayActions.class);
  }

  @AfterEach
  void tearDown() {
    harness.close();
    arm.close();
  }

  static String gateway(String state, boolean withPolicy) {
    return "{\"id\":\"" + GW + "\",\"name\":\"agw-west\",\"location\":\"westus2\",\"properties\":{\"provisioningState\":\"Succeeded\","
        + "\"operationalState\":\"" + state + "\",\"sku\":{\"name\":\"WAF_v2\",\"tier\":\"WAF_v2\"}"
        + (withPolicy ? ",\"firewallPolicy\":{\"id\":\"" + POLICY + "\"}" : "") + "}}";
  }

  static String policy(String mode, String state) {
    return "{\"id\":\"" + POLICY + "\",\"name\":\"waf-west\",\"properties\":{\"policySettings\":{\"state\":\"" + state
        + "\",\"mode\":\"" + mode + "\"},\"managedRules\":{\"managedRuleSets\":[]}}}";
  }

  @Test
  void startsAStoppedGatewayAndFollowsTheOperation() {
    arm.on("GET", GW, CannedArm.ok(gateway("Stopped", true)), CannedArm.ok(gateway("Running", true)));
    arm.on("POST", GW + "/start", CannedArm.accepted(Map.of("Location", arm.url(RESULT), "Retry-After", "0")));
    arm.on("GET", RESULT, CannedArm.accepted(Map.of("Location", arm.url(RESULT), "Retry-After", "0")), CannedArm.status(200, Map.of(), ""));

    ActionResult result = actions.start(ActivityHarness.request("appGateway.start", "applicationGateway", GW, Map.of()));

    assertTrue(result.changed(), result.message());
    assertEquals(1, arm.requests("POST").size());
    assertEquals(API, arm.requests("POST").get(0).apiVersion());
    assertEquals(2, arm.requests().stream().filter(r -> r.path().equals(RESULT)).count());
  }

  @Test
  void runningGatewayIsNotStartedAgain() {
    arm.on("GET", GW, CannedArm.ok(gateway("Running", true)));

    assertFalse(actions.start(ActivityHarness.request("appGateway.start", "applicationGateway", GW, Map.of())).changed());
    assertTrue(arm.mutations().isEmpty());
  }

  @Test
  void resumedStopPollsTheRecordedOperation() {
    arm.on("GET", GW, CannedArm.ok(gateway("Stopped", true)));
    arm.on("GET", RESULT, CannedArm.status(200, Map.of(), ""));
    harness.env.setHeartbeatDetails(new OperationCheckpoint("appGateway.stop", GW, arm.url(RESULT), OperationCheckpoint.LOCATION));

    assertTrue(actions.stop(ActivityHarness.request("appGateway.stop", "applicationGateway", GW, Map.of())).changed());
    assertTrue(arm.mutations().isEmpty(), arm.requests().toString());
  }

  @Test
  void wafPolicyInPreventionPasses() {
    arm.on("GET", GW, CannedArm.ok(gateway("Running", true)));
    arm.on("GET", POLICY, CannedArm.ok(policy("Prevention", "Enabled")));

    ActionResult result = actions.checkWafPrevention(ActivityHarness.request("appGateway.checkWafPrevention", "applicationGateway", GW, Map.of()));

    assertEquals("waf-west", result.facts().get("wafPolicy"));
    assertEquals("Prevention", result.facts().get("mode"));
  }

  @Test
  void wafInDetectionStopsTheRunbook() {
    arm.on("GET", GW, CannedArm.ok(gateway("Running", true)));
    arm.on("GET", POLICY, CannedArm.ok(policy("Detection", "Enabled")));

    ApplicationFailure f = ActivityHarness.failure(() -> actions.checkWafPrevention(ActivityHarness.request(
        "appGateway.checkWafPrevention", "applicationGateway", GW, Map.of())));

    assertEquals(ApplicationGatewayActivities.WAF_NOT_PREVENTING, f.getType());
    assertTrue(f.isNonRetryable());
    assertTrue(f.getOriginalMessage().contains("Detection"), f.getOriginalMessage());
  }

  @Test
  void gatewayWithoutWafIsRefused() {
    arm.on("GET", GW, CannedArm.ok(gateway("Running", false)));

    ApplicationFailure f = ActivityHarness.failure(() -> actions.checkWafPrevention(ActivityHarness.request(
        "appGateway.checkWafPrevention", "applicationGateway", GW, Map.of())));

    assertTrue(f.getOriginalMessage().contains("no WAF policy"), f.getOriginalMessage());
  }

  @Test
  void errorClasses() {
    arm.on("GET", GW, CannedArm.status(403, Map.of(), CannedArm.armError("AuthorizationFailed", "no")));
    ApplicationFailure forbidden = ActivityHarness.failure(() -> actions.stop(ActivityHarness.request("appGateway.stop",
        "applicationGateway", GW, Map.of())));
    assertEquals(ArmFailures.AUTHORIZATION_FAILED, forbidden.getType());
    assertTrue(forbidden.isNonRetryable());

    arm.on("GET", GW, CannedArm.status(429, Map.of("Retry-After", "5"), CannedArm.armError("TooManyRequests", "slow")));
    ApplicationFailure throttled = ActivityHarness.failure(() -> actions.stop(ActivityHarness.request("appGateway.stop",
        "applicationGateway", GW, Map.of())));
    assertEquals(Duration.ofSeconds(5), throttled.getNextRetryDelay());

    arm.on("GET", GW, CannedArm.status(500, Map.of(), CannedArm.armError("InternalServerError", "boom")));
    ApplicationFailure server = ActivityHarness.failure(() -> actions.stop(ActivityHarness.request("appGateway.stop",
        "applicationGateway", GW, Map.of())));
    assertEquals(ArmFailures.SERVER_ERROR, server.getType());
    assertFalse(server.isNonRetryable());
  }
}
