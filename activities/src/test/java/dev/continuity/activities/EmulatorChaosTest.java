package dev.continuity.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ChaosActions;
import dev.continuity.model.estate.ApprovalPolicy;
import dev.continuity.model.estate.Inventory;
import dev.continuity.model.estate.Resource;
import dev.continuity.model.estate.ResourceKinds;
import dev.continuity.model.estate.SeverityPolicy;
import dev.continuity.model.estate.Stamp;
import dev.continuity.model.estate.Targets;
import dev.continuity.model.plan.ResourceRef;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A drill's Chaos Studio experiment takes the primary region down in the emulator, once, and its cancel brings it back. */
class EmulatorChaosTest extends EmulatedActionsTest {
  static final String RG = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-web/providers/";
  static final String EXP = RG + "Microsoft.Chaos/experiments/web-eastus-outage";
  static final String APP_EAST = RG + "Microsoft.Web/sites/app-web-eastus";

  ChaosActions chaos;

  @BeforeEach
  void stubs() {
    chaos = stub(ChaosActions.class);
  }

  @Override
  Inventory inventory() {
    Map<String, Resource> res = new LinkedHashMap<>();
    res.put("outage", new Resource("outage", ResourceKinds.CHAOS_EXPERIMENT, EXP, null, Map.of()));
    res.put("app-east", new Resource("app-east", ResourceKinds.APP_SERVICE, APP_EAST, "eastus", Map.of()));
    return new Inventory("demo", List.of("centralus"), Map.of(), List.of(new Stamp("web", "eastus", "westus", Targets.DEFAULT,
        List.of(), SeverityPolicy.DEFAULT, ApprovalPolicy.DEFAULT, Duration.ofMinutes(30), res)));
  }

  static ActionRequest step(String action) {
    return new ActionRequest("op-1", action, action, new ResourceRef("outage", ResourceKinds.CHAOS_EXPERIMENT, EXP, "westus", Map.of()),
        Map.of(), "web", "eastus", "westus", false);
  }

  boolean down(String region) {
    return control.state().path("regions").path(region).path("down").asBoolean(false);
  }

  int journal(String operation) {
    return control.journal(EXP, operation).path("entries").size();
  }

  @Test
  void startingTakesThePrimaryDownOnceAndCancellingRestoresIt() {
    assertFalse(down("eastus"));

    assertTrue(chaos.startExperiment(step("chaos.startExperiment")).changed());
    assertTrue(down("eastus"));
    assertFalse(down("westus"));
    assertFalse(chaos.startExperiment(step("chaos.startExperiment")).changed());
    assertEquals(1, journal("chaos.start"));

    assertTrue(chaos.cancelExperiment(step("chaos.cancelExperiment")).changed());
    assertFalse(down("eastus"));
    assertFalse(chaos.cancelExperiment(step("chaos.cancelExperiment")).changed());
    assertEquals(1, journal("chaos.cancel"));
    assertEquals(1, control.journal("region:eastus", "region.outage").path("entries").size());
    assertEquals(1, control.journal("region:eastus", "region.restore").path("entries").size());
  }

  @Test
  void cancellingLeavesAnOutageItDidNotCauseAlone() {
    control.outage("eastus");
    chaos.startExperiment(step("chaos.startExperiment"));
    chaos.cancelExperiment(step("chaos.cancelExperiment"));

    assertTrue(down("eastus"), "the region was down before the experiment: its cancel must not bring it back");
  }
}
