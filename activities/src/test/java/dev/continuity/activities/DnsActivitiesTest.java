package dev.continuity.activities;

import static dev.continuity.activities.ActivityHarness.SUB;
import static dev.continuity.activities.CannedArm.example;
import static dev.continuity.activities.CannedArm.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.DnsActions;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DnsActivitiesTest {
  static final String ZONE = "/subscriptions/" + SUB + "/resourceGroups/rg-web/providers/Microsoft.Network/dnszones/example.com";
  static final String RECORD = ZONE + "/CNAME/www";

  CannedArm arm;
  ActivityHarness harness;
  DnsActions actions;

  @BeforeEach
  void setUp() throws Exception {
    arm = new CannedArm();
    harness = new ActivityHarness(arm);
    harness.register(new DnsActivities(harness.clients));
    actions = harness.stub(DnsActions.class);
  }

  @AfterEach
  void tearDown() {
    harness.close();
    arm.close();
  }

  static String cname(String target, int ttl) {
    ObjectNode body = example("dns/2018-05-01/GetCNAMERecordset.json", "200");
    body.put("id", RECORD).put("name", "www");
    ObjectNode props = (ObjectNode) body.path("properties");
    props.put("TTL", ttl);
    ((ObjectNode) props.path("CNAMERecord")).put("cname", target);
    return json(body);
  }

  @Test
  void pointsTheRecordWithAnEtagGuardedPatch() {
    arm.on("GET", RECORD, CannedArm.ok(cname("web-east.azurewebsites.net", 3600)), CannedArm.ok(cname("web-west.azurewebsites.net", 60)));
    arm.on("PATCH", RECORD, CannedArm.ok(cname("web-west.azurewebsites.net", 60)));

    ActionResult result = actions.setRecordTarget(ActivityHarness.request("dns.setRecordTarget", "dnsZone", ZONE,
        Map.of("recordType", "cname", "record", "www", "target", "web-west.azurewebsites.net", "ttl", 60)));

    assertTrue(result.changed(), result.message());
    var patch = arm.requests("PATCH").get(0);
    assertEquals("2018-05-01", patch.apiVersion());
    assertEquals("web-west.azurewebsites.net", patch.json().path("properties").path("CNAMERecord").path("cname").asText());
    assertEquals(60, patch.json().path("properties").path("TTL").asInt());
    assertEquals("00000000-0000-0000-0000-000000000000", patch.headers().get("if-match"));
  }

  @Test
  void recordAlreadyPointingThereChangesNothing() {
    arm.on("GET", RECORD, CannedArm.ok(cname("web-west.azurewebsites.net.", 3600)));

    assertFalse(actions.setRecordTarget(ActivityHarness.request("dns.setRecordTarget", "dnsZone", ZONE,
        Map.of("recordType", "CNAME", "record", "www", "target", "web-west.azurewebsites.net"))).changed());
    assertTrue(arm.mutations().isEmpty());
  }
}
