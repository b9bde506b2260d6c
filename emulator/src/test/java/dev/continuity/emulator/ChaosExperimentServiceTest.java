package dev.continuity.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.continuity.model.estate.ApprovalPolicy;
import dev.continuity.model.estate.Inventory;
import dev.continuity.model.estate.Resource;
import dev.continuity.model.estate.ResourceKinds;
import dev.continuity.model.estate.SeverityPolicy;
import dev.continuity.model.estate.Stamp;
import dev.continuity.model.estate.Targets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Chaos Studio experiments as the emulator serves them on the wire: an execution downs its targets' region until cancelled. */
class ChaosExperimentServiceTest {
  static final String RG = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-web/providers/";
  static final String EXP = RG + "Microsoft.Chaos/experiments/westus-outage";

  ArmEmulator emulator;
  Arm arm;
  EmulatorClient control;

  @BeforeEach
  void start() {
    Map<String, Resource> res = new LinkedHashMap<>();
    res.put("outage", new Resource("outage", ResourceKinds.CHAOS_EXPERIMENT, EXP, "centralus", Map.of("faultRegion", "westus")));
    emulator = ArmEmulator.start(0, null, 0, new Inventory("demo", List.of("centralus"), Map.of(), List.of(new Stamp("web", "eastus",
        "westus", Targets.DEFAULT, List.of(), SeverityPolicy.DEFAULT, ApprovalPolicy.DEFAULT, Duration.ofMinutes(30), res))));
    arm = new Arm(emulator);
    control = new EmulatorClient(emulator.baseUrl());
  }

  @AfterEach
  void stop() {
    emulator.stop();
  }

  boolean down(String region) {
    return control.state().path("regions").path(region).path("down").asBoolean(false);
  }

  @Test
  void anExperimentFaultsTheRegionOfItsTargetsUntilCancelledAndRunsOnceAtATime() {
    JsonNode selector = arm.get(EXP).json().path("properties").path("selectors").get(0);
    assertTrue(selector.path("targets").get(0).path("id").asText().contains("networkSecurityGroups/nsg-web-westus"), selector.toString());

    Arm.Reply started = arm.send("POST", EXP + "/start", null);
    assertEquals(202, started.status());
    assertEquals("Succeeded", arm.awaitAsync(started.header("Azure-AsyncOperation").orElseThrow()).path("status").asText());
    assertTrue(down("westus"));
    assertFalse(down("eastus"));
    JsonNode executions = arm.get(EXP + "/executions").json().path("value");
    assertEquals(1, executions.size());
    assertEquals("Running", executions.get(0).path("properties").path("status").asText());
    assertFalse(executions.get(0).path("properties").has("faultedRegions"), "the emulator's own record stays off the wire");
    assertEquals(409, arm.send("POST", EXP + "/start", null).status());

    Arm.Reply cancelled = arm.send("POST", EXP + "/cancel", null);
    assertEquals(202, cancelled.status());
    arm.awaitAsync(cancelled.header("Azure-AsyncOperation").orElseThrow());
    assertFalse(down("westus"));
    assertEquals("Cancelled", arm.get(EXP + "/executions").json().path("value").get(0).path("properties").path("status").asText());
    assertEquals(200, arm.send("POST", EXP + "/cancel", null).status(), "nothing to cancel");
  }
}
