package dev.continuity.activities;

import static dev.continuity.activities.ActivityHarness.SUB;
import static dev.continuity.activities.CannedArm.example;
import static dev.continuity.activities.CannedArm.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuity.model.actions.MonitorActions;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MonitorActivitiesTest {
  static final String RULE = "/subscriptions/" + SUB + "/resourceGroups/rg-ai/providers/Microsoft.Insights/metricAlerts/cpu-east";

  CannedArm arm;
  ActivityHarness harness;
  MonitorActions actions;

  @BeforeEach
  void setUp() throws Exception {
    arm = new CannedArm();
    harness = new ActivityHarness(arm);
    harness.register(new MonitorActivities(harness.clients));
    actions = harness.stub(MonitorActions.class);
  }

  @AfterEach
  void tearDown() {
    harness.close();
    arm.close();
  }

  static String rule(boolean enabled) {
    ObjectNode body = example("monitor/2026-06-01/getMetricAlertSingleResource.json", "200");
    body.put("id", RULE).put("name", "cpu-east");
    ((ObjectNode) body.path("properties")).put("enabled", enabled);
    return json(body);
  }

  @Test
  void mutesAnEnabledRule() {
    arm.on("GET", RULE, CannedArm.ok(rule(true)), CannedArm.ok(rule(false)));
    arm.on("PATCH", RULE, CannedArm.ok(rule(false)));

    assertTrue(actions.setAlertRuleEnabled(ActivityHarness.request("monitor.setAlertRuleEnabled", "alertRule", RULE,
        Map.of("enabled", "no"))).changed());
    var patch = arm.requests("PATCH").get(0);
    assertEquals("2018-03-01", patch.apiVersion());
    assertFalse(patch.json().path("properties").path("enabled").asBoolean(true));
  }

  @Test
  void ruleAlreadyMutedChangesNothing() {
    arm.on("GET", RULE, CannedArm.ok(rule(false)));

    assertFalse(actions.setAlertRuleEnabled(ActivityHarness.request("monitor.setAlertRuleEnabled", "alertRule", RULE,
        Map.of("enabled", false))).changed());
    assertTrue(arm.mutations().isEmpty());
  }
}
