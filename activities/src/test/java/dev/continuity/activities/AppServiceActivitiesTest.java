package dev.continuity.activities;

import static dev.continuity.activities.ActivityHarness.SUB;
import static dev.continuity.activities.CannedArm.example;
import static dev.continuity.activities.CannedArm.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.AppServiceActions;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AppServiceActivitiesTest {
  static final String SITE = "/subscriptions/" + SUB + "/resourceGroups/rg-web/providers/Microsoft.Web/sites/web-west";

  CannedArm arm;
  ActivityHarness harness;
  AppServiceActions actions;

  @BeforeEach
  void setUp() throws Exception {
    arm = new CannedArm();
    harness = new ActivityHarness(arm);
    harness.register(new AppServiceActivities(harness.clients, harness.config));
    actions = harness.stub(AppServiceActions.class);
  }

  @AfterEach
  void tearDown() {
    harness.close();
    arm.close();
  }

  static String site(String state) {
    ObjectNode body = example("web/2025-05-01/GetWebApp.json", "200");
    body.put("id", SITE).put("name", "web-west");
    ((ObjectNode) body.path("properties")).put("state", state);
    return json(body);
  }

  static String settings(String mode) {
    return "{\"id\":\"" + SITE + "/config/appsettings\",\"name\":\"appsettings\",\"properties\":{\"REGION\":\"westus2\",\"MODE\":\"" + mode + "\"}}";
  }

  @Test
  void startsAStoppedApp() {
    arm.on("GET", SITE, CannedArm.ok(site("Stopped")), CannedArm.ok(site("Running")));
    arm.on("POST", SITE + "/start", CannedArm.status(200, Map.of(), ""));

    ActionResult result = actions.start(ActivityHarness.request("appService.start", "appService", SITE, Map.of()));

    assertTrue(result.changed());
    assertEquals(1, arm.requests("POST").size());
    assertEquals("2024-11-01", arm.requests("POST").get(0).apiVersion());
  }

  @Test
  void runningAppIsNotStartedAgain() {
    arm.on("GET", SITE, CannedArm.ok(site("Running")));

    assertFalse(actions.start(ActivityHarness.request("appService.start", "appService", SITE, Map.of())).changed());
    assertTrue(arm.mutations().isEmpty());
  }

  static String siteSwapped(String when) {
    ObjectNode body = (ObjectNode) CannedArm.example("web/2025-05-01/GetWebApp.json", "200");
    body.put("id", SITE).put("name", "web-west");
    ((ObjectNode) body.path("properties")).putObject("slotSwapStatus")
        .put("timestampUtc", when).put("sourceSlotName", "staging").put("destinationSlotName", "production");
    return json(body);
  }

  @Test
  void swapsTheSlotOnceAndPollsTheOperation() {
    String op = "/subscriptions/" + SUB + "/providers/Microsoft.Web/locations/westus/operationResults/op-8";
    arm.on("GET", SITE, CannedArm.ok(siteSwapped("2020-01-01T00:00:00Z")), CannedArm.ok(siteSwapped("2100-01-01T00:00:00Z")));
    arm.on("POST", SITE + "/slotsswap", CannedArm.accepted(Map.of("Location", arm.url(op), "Retry-After", "0")));
    arm.on("GET", op, CannedArm.accepted(Map.of("Retry-After", "0")), CannedArm.status(200, Map.of(), ""));

    ActionResult result = actions.swapSlot(ActivityHarness.request("appService.swapSlot", "appService", SITE, Map.of("slot", "staging")));

    assertTrue(result.changed(), result.message());
    var post = arm.requests("POST").get(0);
    assertEquals("staging", post.json().path("targetSlot").asText());
    assertEquals(2, arm.requests().stream().filter(r -> r.path().equals(op)).count());
  }

  @Test
  void aSwapThisStepAlreadyMadeIsNotSwappedBack() {
    arm.on("GET", SITE, CannedArm.ok(siteSwapped("2100-01-01T00:00:00Z")));

    ActionResult result = actions.swapSlot(ActivityHarness.request("appService.swapSlot", "appService", SITE, Map.of("slot", "staging")));

    assertFalse(result.changed(), result.message());
    assertTrue(arm.mutations().isEmpty(), "a swap toggles: a second one would undo the first");
  }

  @Test
  void setsOnlyChangedSettingsAndKeepsTheOthers() {
    arm.on("POST", SITE + "/config/appsettings/list", CannedArm.ok(settings("active-passive")), CannedArm.ok(settings("primary")));
    arm.on("PUT", SITE + "/config/appsettings", CannedArm.ok(settings("primary")));

    ActionResult result = actions.setAppSettings(ActivityHarness.request("appService.setAppSettings", "appService", SITE,
        Map.of("settings", Map.of("MODE", "primary"))));

    assertTrue(result.changed(), result.message());
    var put = arm.requests("PUT").get(0).json().path("properties");
    assertEquals("primary", put.path("MODE").asText());
    assertEquals("westus2", put.path("REGION").asText(), "the settings PUT replaces all: the others are sent back");
    assertFalse(result.message().contains("primary"), "values are not echoed into the timeline");
  }

  @Test
  void settingsAlreadyThereChangeNothing() {
    arm.on("POST", SITE + "/config/appsettings/list", CannedArm.ok(settings("primary")));

    assertFalse(actions.setAppSettings(ActivityHarness.request("appService.setAppSettings", "appService", SITE,
        Map.of("settings", Map.of("MODE", "primary")))).changed());
    assertTrue(arm.requests("PUT").isEmpty());
  }
}
