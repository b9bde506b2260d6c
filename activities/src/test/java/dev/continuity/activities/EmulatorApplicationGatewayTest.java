package dev.continuity.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.emulator.ArmEmulator;
import dev.continuity.emulator.EmulatorClient;
import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ApplicationGatewayActions;
import dev.continuity.model.estate.ApprovalPolicy;
import dev.continuity.model.estate.Inventory;
import dev.continuity.model.estate.Resource;
import dev.continuity.model.estate.ResourceKinds;
import dev.continuity.model.estate.SeverityPolicy;
import dev.continuity.model.estate.Stamp;
import dev.continuity.model.estate.Targets;
import dev.continuity.model.plan.ResourceRef;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The secondary gateway is started once and its WAF checked, against the emulator. */
class EmulatorApplicationGatewayTest {
  static final String RG = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-web/providers/Microsoft.Network/applicationGateways/";
  static final String WEST = RG + "agw-west";
  static final String DETECT = RG + "agw-detect";

  ArmEmulator emulator;
  EmulatorClient control;
  TestActivityEnvironment env;
  ApplicationGatewayActions gw;

  @BeforeEach
  void start() {
    Map<String, Resource> res = new LinkedHashMap<>();
    res.put("agw", new Resource("agw", ResourceKinds.APPLICATION_GATEWAY, WEST, "westus2", Map.of("operationalState", "Stopped")));
    res.put("agw-detect", new Resource("agw-detect", ResourceKinds.APPLICATION_GATEWAY, DETECT, "westus2", Map.of("wafMode", "Detection")));
    emulator = ArmEmulator.start(0, null, 0, new Inventory("demo", List.of("centralus"), Map.of(), List.of(
        new Stamp("web", "eastus2", "westus2", Targets.DEFAULT, List.of(), SeverityPolicy.DEFAULT, ApprovalPolicy.DEFAULT,
            Duration.ofMinutes(30), res))));
    control = new EmulatorClient(emulator.baseUrl());
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(AzureActivities.all(ActivitiesConfig.emulator(URI.create(emulator.baseUrl()), 0)).toArray());
    gw = env.newActivityStub(ApplicationGatewayActions.class, ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build()).build());
  }

  @AfterEach
  void stop() {
    env.close();
    emulator.stop();
  }

  static ActionRequest step(String action, String id) {
    return new ActionRequest("op-1", action, action, new ResourceRef(action, ResourceKinds.APPLICATION_GATEWAY, id, "westus2", Map.of()),
        Map.of(), "web", "eastus2", "westus2", true);
  }

  @Test
  void startsTheSecondaryGatewayOnceAndFindsItsWafPreventing() {
    assertTrue(gw.start(step("appGateway.start", WEST)).changed());
    assertFalse(gw.start(step("appGateway.start", WEST)).changed());
    assertEquals(1, control.journal(WEST, "appGateway.start").path("entries").size());
    assertEquals("Prevention", gw.checkWafPrevention(step("appGateway.checkWafPrevention", WEST)).facts().get("mode"));

    ActivityFailure f = Assertions.assertThrows(ActivityFailure.class, () -> gw.checkWafPrevention(step("appGateway.checkWafPrevention", DETECT)));
    assertEquals(ApplicationGatewayActivities.WAF_NOT_PREVENTING, ((ApplicationFailure) f.getCause()).getType());
  }
}
