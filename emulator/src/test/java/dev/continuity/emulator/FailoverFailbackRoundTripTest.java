package dev.continuity.emulator;

import static dev.continuity.emulator.DemoInventory.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An unplanned failover of both demo stamps during an outage, then a failback after the region
 * returns, with the calls a runbook makes: the estate ends where it started, and the storage
 * failback goes the way Azure's does (re-enable geo-redundancy, wait for the first copy, then a
 * planned failover).
 */
class FailoverFailbackRoundTripTest extends EmulatorTestBase {

  @Test
  void failoverThenFailbackReturnsTheEstateToItsStartingState() {
    start(0.0001); // 1800 s geo bootstrap -> 0.18 s
    Map<String, String> initial = snapshot();

    control.outage("eastus2");
    control.outage("eastus");
    patch(TM + "/azureEndpoints/eastus2", "{\"properties\":{\"priority\":3}}");
    patch(TM + "/azureEndpoints/westus2", "{\"properties\":{\"priority\":1}}");
    patch(TM + "/azureEndpoints/eastus2", "{\"properties\":{\"priority\":2}}");
    async(arm.send("PATCH", FD + "/originGroups/default/origins/eastus2", "{\"properties\":{\"enabledState\":\"Disabled\"}}"));
    location(arm.send("POST", COSMOS + "/failoverPriorityChange", cosmosPriorities("westus2", "eastus2")));
    location(arm.send("POST", STORAGE + "/failover", null));
    location(arm.send("POST", SQL_SECONDARY + "/failoverGroups/fg-web-api/forceFailoverAllowDataLoss", null));
    location(arm.send("DELETE", REDIS_SECONDARY + "/linkedServers/redis-ai-platform-eastus2", null));
    async(arm.send("PUT", AKS + "/agentPools/nodepool1", "{\"properties\":{\"count\":3}}"));
    assertEquals("westus2", arm.get(STORAGE).json().path("properties").path("primaryLocation").asText());

    control.restore("eastus2");
    control.restore("eastus");
    // failback, in the order a runbook takes: data first, then traffic
    location(arm.send("POST", COSMOS + "/failoverPriorityChange", cosmosPriorities("eastus2", "westus2")));
    assertEquals(400, arm.send("POST", STORAGE + "/failover", null).status(), "an LRS account cannot fail over");
    assertEquals(200, arm.send("PATCH", STORAGE, "{\"sku\":{\"name\":\"Standard_RAGRS\"}}").status());
    JsonNode stats = arm.get(STORAGE + "?$expand=geoReplicationStats").json().path("properties").path("geoReplicationStats");
    assertEquals("Bootstrap", stats.path("status").asText());
    assertFalse(stats.path("canFailover").asBoolean());
    for (int i = 0; i < 100 && !"Live".equals(geoStatus()); i++) Arm.sleep(20);
    location(arm.send("POST", STORAGE + "/failover?failoverType=Planned", null));
    location(arm.send("POST", SQL_PRIMARY + "/failoverGroups/fg-web-api/failover", null));
    async(arm.send("PUT", REDIS_PRIMARY + "/linkedServers/redis-ai-platform-westus2",
        "{\"properties\":{\"linkedRedisCacheId\":\"" + REDIS_SECONDARY + "\",\"linkedRedisCacheLocation\":\"westus2\",\"serverRole\":\"Secondary\"}}"));
    async(arm.send("PUT", AKS + "/agentPools/nodepool1", "{\"properties\":{\"count\":1}}"));
    async(arm.send("PATCH", FD + "/originGroups/default/origins/eastus2", "{\"properties\":{\"enabledState\":\"Enabled\"}}"));
    patch(TM + "/azureEndpoints/westus2", "{\"properties\":{\"priority\":3}}");
    patch(TM + "/azureEndpoints/eastus2", "{\"properties\":{\"priority\":1}}");
    patch(TM + "/azureEndpoints/westus2", "{\"properties\":{\"priority\":2}}");

    assertEquals(initial, snapshot());
  }

  private String geoStatus() {
    return arm.get(STORAGE + "?$expand=geoReplicationStats").json().path("properties").path("geoReplicationStats").path("status").asText();
  }

  /** The DR-relevant state of each resource, as ARM shows it. */
  private Map<String, String> snapshot() {
    Map<String, String> s = new LinkedHashMap<>();
    for (String ep : new String[] {"eastus2", "westus2"}) {
      JsonNode p = arm.get(TM + "/azureEndpoints/" + ep).json().path("properties");
      s.put("tm " + ep, p.path("priority").asText() + " " + p.path("endpointStatus").asText());
      JsonNode o = arm.get(FD + "/originGroups/default/origins/" + ep).json().path("properties");
      s.put("fd " + ep, o.path("priority").asText() + " " + o.path("enabledState").asText());
    }
    s.put("cosmos", arm.get(COSMOS).json().path("properties").path("failoverPolicies").toString());
    JsonNode st = arm.get(STORAGE).json();
    s.put("storage", st.path("properties").path("primaryLocation").asText() + "/" + st.path("properties").path("secondaryLocation").asText()
        + " " + st.path("sku").path("name").asText());
    s.put("sql", arm.get(SQL_PRIMARY + "/failoverGroups/fg-web-api").json().path("properties").path("replicationRole").asText());
    s.put("redis", arm.get(REDIS_PRIMARY + "/linkedServers").json().path("value").path(0).path("properties").path("serverRole").asText()
        + " " + arm.get(REDIS_SECONDARY + "/linkedServers").json().path("value").path(0).path("properties").path("serverRole").asText());
    s.put("aks", arm.get(AKS + "/agentPools/nodepool1").json().path("properties").path("count").asText());
    return s;
  }

  private void patch(String path, String body) {
    Arm.Reply r = arm.send("PATCH", path, body);
    assertEquals(200, r.status(), path + ": " + r.raw().body());
  }

  private void async(Arm.Reply r) {
    assertEquals("Succeeded", arm.awaitAsync(r.header("Azure-AsyncOperation").orElseThrow(
        () -> new AssertionError("no Azure-AsyncOperation: " + r.status() + " " + r.raw().body()))).path("status").asText());
  }

  private void location(Arm.Reply r) {
    Arm.Reply done = arm.awaitLocation(r.header("Location").orElseThrow(
        () -> new AssertionError("no Location: " + r.status() + " " + r.raw().body())));
    assertEquals(true, done.status() == 200 || done.status() == 204, done.status() + " " + done.raw().body());
  }
}
