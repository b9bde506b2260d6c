package dev.continuity.activities;

import static dev.continuity.activities.ActivityHarness.SUB;
import static dev.continuity.activities.CannedArm.example;
import static dev.continuity.activities.CannedArm.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.SqlActions;
import dev.continuity.model.plan.ResourceRef;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SqlActivitiesTest {
  static final String PRIMARY = "/subscriptions/" + SUB + "/resourceGroups/rg-web/providers/Microsoft.Sql/servers/sql-east";
  static final String SECONDARY = "/subscriptions/" + SUB + "/resourceGroups/rg-web/providers/Microsoft.Sql/servers/sql-west";
  static final String OP_PATH = "/subscriptions/" + SUB + "/resourceGroups/rg-web/providers/Microsoft.Sql/locations/westus/failoverGroupOperationResults/op-5";

  CannedArm arm;
  ActivityHarness harness;
  SqlActions actions;

  @BeforeEach
  void setUp() throws Exception {
    arm = new CannedArm();
    harness = new ActivityHarness(arm);
    harness.register(new SqlActivities(harness.clients, harness.config));
    actions = harness.stub(SqlActions.class);
  }

  @AfterEach
  void tearDown() {
    harness.close();
    arm.close();
  }

  static String group(String server, String role, String partner, String partnerLocation, String partnerRole) {
    ObjectNode body = example("sql/2025-01-01/FailoverGroupGet.json", "200");
    body.put("id", server + "/failoverGroups/fg-web").put("name", "fg-web");
    ObjectNode props = (ObjectNode) body.path("properties");
    props.put("replicationRole", role);
    props.putArray("partnerServers").addObject().put("id", partner).put("location", partnerLocation).put("replicationRole", partnerRole);
    return json(body);
  }

  static ActionRequest request(boolean planned) {
    return ActivityHarness.request("sql.failoverGroup", new ResourceRef("sql", "sqlServer", PRIMARY, "eastus", Map.of()),
        Map.of("failoverGroup", "fg-web"), "eastus", "westus", planned);
  }

  @Test
  void forcedFailoverGoesToThePartnerAndFollowsARelativeLocation() {
    arm.on("GET", PRIMARY + "/failoverGroups/fg-web", CannedArm.ok(group(PRIMARY, "Primary", SECONDARY, "West US", "Secondary")));
    arm.on("GET", SECONDARY + "/failoverGroups/fg-web",
        CannedArm.ok(group(SECONDARY, "Secondary", PRIMARY, "East US", "Primary")),
        CannedArm.ok(group(SECONDARY, "Primary", PRIMARY, "East US", "Secondary")));
    // Azure's example sends this Location without scheme or host
    arm.on("POST", SECONDARY + "/failoverGroups/fg-web/forceFailoverAllowDataLoss",
        CannedArm.accepted(Map.of("Location", OP_PATH, "Retry-After", "0")));
    arm.on("GET", OP_PATH, CannedArm.accepted(Map.of("Retry-After", "0")), CannedArm.status(200, Map.of(), ""));

    ActionResult result = actions.failoverGroup(request(false));

    assertTrue(result.changed(), result.message());
    var posts = arm.requests("POST");
    assertEquals(1, posts.size(), arm.requests().toString());
    assertTrue(posts.get(0).path().endsWith("/forceFailoverAllowDataLoss"));
    assertEquals("2021-11-01", posts.get(0).apiVersion());
    assertEquals(2, arm.requests().stream().filter(r -> r.path().equals(OP_PATH)).count());
  }

  @Test
  void partnerAlreadyPrimaryChangesNothing() {
    arm.on("GET", PRIMARY + "/failoverGroups/fg-web", CannedArm.ok(group(PRIMARY, "Secondary", SECONDARY, "West US", "Primary")));
    arm.on("GET", SECONDARY + "/failoverGroups/fg-web", CannedArm.ok(group(SECONDARY, "Primary", PRIMARY, "East US", "Secondary")));

    ActionResult result = actions.failoverGroup(request(true));

    assertFalse(result.changed());
    assertTrue(arm.mutations().isEmpty());
  }
}
