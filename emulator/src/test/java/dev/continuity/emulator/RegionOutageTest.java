package dev.continuity.emulator;

import static dev.continuity.emulator.DemoInventory.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A downed region: its control planes and health endpoints fail, and failing over away from it works. */
class RegionOutageTest extends EmulatorTestBase {

  @BeforeEach
  void startWithInstantOperations() {
    start(0);
  }

  @Test
  void controlPlaneCallsOnResourcesInTheDownedRegionFailWithServiceUnavailable() {
    control.outage("eastus2");
    control.outage("eastus");
    for (String id : new String[] {REDIS_PRIMARY, SEARCH, APP_EAST, SQL_PRIMARY + "/failoverGroups/fg-web-api"}) {
      Arm.Reply r = arm.get(id);
      assertEquals(503, r.status(), id);
      assertEquals("ServiceUnavailable", r.json().path("error").path("code").asText(), id);
      assertTrue(r.header("Retry-After").isPresent());
    }
    assertEquals(503, arm.send("POST", APP_EAST + "/stop", null).status());
    // resources elsewhere, and global ones, still answer
    assertEquals(200, arm.get(APP_WEST).status());
    assertEquals(200, arm.get(REDIS_SECONDARY).status());
    JsonNode tm = arm.get(TM).json();
    assertEquals("Degraded", endpoint(tm, "eastus2").path("properties").path("endpointMonitorStatus").asText());
    assertEquals("Online", endpoint(tm, "westus2").path("properties").path("endpointMonitorStatus").asText());

    control.restore("eastus2");
    assertEquals(200, arm.get(REDIS_PRIMARY).status());
  }

  @Test
  void healthProbesThroughTheRelayFollowRegionHealthPartitionsAndDegradedMode() {
    assertProbe("centralus", AI_HEALTH_EAST, 200, "healthy");
    control.outage("eastus2");
    assertProbe("centralus", AI_HEALTH_EAST, 503, "unavailable");
    assertProbe("centralus", AI_HEALTH_WEST, 200, "healthy");
    // one vantage point still sees the downed region up (a partition): quorum logic must cope
    control.partition("westus3", "eastus2", "up");
    assertProbe("westus3", AI_HEALTH_EAST, 200, "healthy");
    assertProbe("northeurope", AI_HEALTH_EAST, 503, "unavailable");
    control.partition("westus3", "eastus2", "none");
    assertProbe("westus3", AI_HEALTH_EAST, 503, "unavailable");
    // and a partition can hide a healthy region from one vantage point
    control.partition("northeurope", "westus2", "down");
    assertProbe("northeurope", AI_HEALTH_WEST, 503, "unavailable");
    control.degraded("westus2", true);
    assertProbe("centralus", AI_HEALTH_WEST, 200, "degraded");
    Arm.Reply direct = arm.send("GET", emulator.baseUrl() + "/_health/eastus2", null, null);
    assertEquals(503, direct.status());
  }

  @Test
  void cosmosFailsOverAwayFromTheDownedRegionButCannotBringItOnline() {
    control.outage("eastus2");
    assertEquals(200, arm.get(COSMOS).status(), "a Cosmos account is global: its control plane survives the region");
    Arm.Reply offline = arm.send("POST", COSMOS + "/offlineRegion", "{\"region\":\"East US 2\"}");
    assertEquals(202, offline.status());
    assertEquals("Succeeded", arm.awaitAsync(offline.header("Azure-AsyncOperation").orElseThrow()).path("status").asText());
    JsonNode p = arm.get(COSMOS).json().path("properties");
    assertEquals("West US 2", p.path("writeLocations").path(0).path("locationName").asText());
    assertEquals(1, p.path("readLocations").size(), "the offline region serves no reads");
    Arm.Reply online = arm.send("POST", COSMOS + "/onlineRegion", "{\"region\":\"eastus2\"}");
    assertEquals(503, online.status());
    control.restore("eastus2");
    Arm.Reply again = arm.send("POST", COSMOS + "/onlineRegion", "{\"region\":\"eastus2\"}");
    assertEquals(202, again.status());
    arm.awaitAsync(again.header("Azure-AsyncOperation").orElseThrow());
    assertEquals(2, arm.get(COSMOS).json().path("properties").path("readLocations").size());
  }

  @Test
  void cosmosPriorityChangeToTheSurvivingRegionWorksDuringTheOutage() {
    control.outage("eastus2");
    Arm.Reply r = arm.send("POST", COSMOS + "/failoverPriorityChange", cosmosPriorities("westus2", "eastus2"));
    assertEquals(202, r.status());
    assertEquals(204, arm.awaitLocation(r.header("Location").orElseThrow()).status());
    assertEquals("westus2", arm.get(COSMOS).json().path("properties").path("emulatorReplication").path("writeRegion").asText());
    Arm.Reply back = arm.send("POST", COSMOS + "/failoverPriorityChange", cosmosPriorities("eastus2", "westus2"));
    assertEquals(503, back.status(), "failing back into a downed region is refused");
  }

  @Test
  void storageUnplannedFailoverWorksAndPlannedFailsWhileThePrimaryIsDown() {
    control.outage("eastus2");
    JsonNode stats = arm.get(STORAGE + "?$expand=geoReplicationStats").json().path("properties").path("geoReplicationStats");
    assertEquals("Unavailable", stats.path("status").asText());
    assertTrue(stats.path("canFailover").asBoolean());
    assertEquals(false, stats.path("canPlannedFailover").asBoolean());
    Arm.Reply planned = arm.send("POST", STORAGE + "/failover?failoverType=Planned", null);
    assertEquals(400, planned.status());
    assertEquals("PlannedFailoverNotAllowed", planned.json().path("error").path("code").asText());
    Arm.Reply unplanned = arm.send("POST", STORAGE + "/failover", null);
    assertEquals(202, unplanned.status());
    assertEquals(200, arm.awaitLocation(unplanned.header("Location").orElseThrow()).status());
    assertEquals("westus2", arm.get(STORAGE).json().path("properties").path("primaryLocation").asText());
  }

  @Test
  void sqlForcedFailoverWorksAndPlannedFailsWhileThePrimaryIsDown() {
    String fg = SQL_SECONDARY + "/failoverGroups/fg-web-api";
    control.outage("eastus");
    Arm.Reply planned = arm.send("POST", fg + "/failover", null);
    assertEquals(202, planned.status());
    Arm.Reply plannedResult = arm.awaitLocation(planned.header("Location").orElseThrow());
    assertEquals(503, plannedResult.status());
    assertEquals("FailoverGroupPrimaryUnavailable", plannedResult.json().path("error").path("code").asText());
    assertEquals("Secondary", arm.get(fg).json().path("properties").path("replicationRole").asText());

    Arm.Reply forced = arm.send("POST", fg + "/forceFailoverAllowDataLoss", null);
    assertEquals(202, forced.status());
    Arm.Reply done = arm.awaitLocation(forced.header("Location").orElseThrow());
    assertEquals(200, done.status());
    assertEquals("Primary", done.json().path("properties").path("replicationRole").asText());
    assertEquals("Primary", arm.get(fg).json().path("properties").path("replicationRole").asText());
  }

  @Test
  void redisCanBeUnlinkedFromTheSecondaryWhileThePrimaryIsDown() {
    control.outage("eastus2");
    assertEquals(503, arm.send("DELETE", REDIS_PRIMARY + "/linkedServers/redis-ai-platform-westus2", null).status());
    Arm.Reply r = arm.send("DELETE", REDIS_SECONDARY + "/linkedServers/redis-ai-platform-eastus2", null);
    assertEquals(202, r.status());
    assertEquals(200, arm.awaitLocation(r.header("Location").orElseThrow()).status());
    assertEquals(0, arm.get(REDIS_SECONDARY + "/linkedServers").json().path("value").size());
    control.restore("eastus2");
    assertEquals(0, arm.get(REDIS_PRIMARY + "/linkedServers").json().path("value").size(), "the link is gone on both sides");
  }

  private void assertProbe(String vantage, String target, int status, String health) {
    Arm.Reply r = arm.send("GET", emulator.probeRelayBase() + "/" + vantage + "?url="
        + URLEncoder.encode(target, StandardCharsets.UTF_8), null, null);
    assertEquals(status, r.status(), vantage + " -> " + target);
    assertEquals(health, r.json().path("status").asText(), vantage + " -> " + target);
  }

  private static JsonNode endpoint(JsonNode profile, String name) {
    for (JsonNode e : profile.path("properties").path("endpoints")) if (e.path("name").asText().equals(name)) return e;
    throw new AssertionError("no endpoint " + name);
  }
}
