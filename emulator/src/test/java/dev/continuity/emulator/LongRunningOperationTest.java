package dev.continuity.emulator;

import static dev.continuity.emulator.DemoInventory.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/** ARM long-running operations through both poll headers, and the request checks ARM makes first. */
class LongRunningOperationTest extends EmulatorTestBase {

  @Test
  void cosmosFailoverPolledThroughAzureAsyncOperationChangesTheAccountOnlyWhenDone() {
    start(0.005); // 180 s priority change -> 0.9 s
    Arm.Reply accepted = arm.send("POST", COSMOS + "/failoverPriorityChange", cosmosPriorities("westus2", "eastus2"));
    assertEquals(202, accepted.status());
    String async = accepted.header("Azure-AsyncOperation").orElseThrow();
    String location = accepted.header("Location").orElseThrow();
    assertEquals("1", accepted.header("Retry-After").orElseThrow());
    assertTrue(async.startsWith(emulator.baseUrl() + "/subscriptions/" + SUB + "/providers/Microsoft.DocumentDB/locations/"), async);

    Arm.Reply running = arm.send("GET", async, null, null);
    assertEquals(200, running.status());
    assertEquals("InProgress", running.json().path("status").asText());
    assertEquals("eastus2", writeRegion(), "the write region must not move before the operation completes");
    assertEquals(202, arm.send("GET", location, null, null).status(), "Location answers 202 while running");
    assertTrue(journal("cosmos-ai-platform", "cosmos.failoverPriorityChange").isEmpty());

    JsonNode done = arm.awaitAsync(async);
    assertEquals("Succeeded", done.path("status").asText());
    assertEquals(100, done.path("percentComplete").asInt());
    assertEquals("westus2", writeRegion());
    assertEquals(204, arm.send("GET", location, null, null).status(), "Location answers the final result (204) when done");
    assertEquals(1, journal("cosmos-ai-platform", "cosmos.failoverPriorityChange").size());
  }

  @Test
  void storageFailoverPolledThroughLocationAnswers202ThenTheResult() {
    start(0.001); // 900 s unplanned failover -> 0.9 s
    Arm.Reply accepted = arm.send("POST", STORAGE + "/failover", null);
    assertEquals(202, accepted.status());
    assertTrue(accepted.header("Azure-AsyncOperation").isEmpty(), "storage failover answers with Location only");
    String location = accepted.header("Location").orElseThrow();
    assertEquals(URI.create(emulator.baseUrl()).getPort(), URI.create(location).getPort());

    Arm.Reply running = arm.send("GET", location, null, null);
    assertEquals(202, running.status());
    assertEquals(location, running.header("Location").orElseThrow());
    assertTrue(running.header("Retry-After").isPresent());
    JsonNode during = arm.get(STORAGE + "?$expand=geoReplicationStats").json().path("properties");
    assertTrue(during.path("failoverInProgress").asBoolean());
    assertEquals("eastus2", during.path("primaryLocation").asText());
    assertFalse(during.path("geoReplicationStats").path("canFailover").asBoolean());

    Arm.Reply done = arm.awaitLocation(location);
    assertEquals(200, done.status());
    JsonNode after = arm.get(STORAGE).json();
    assertEquals("westus2", after.path("properties").path("primaryLocation").asText());
    assertEquals("Standard_LRS", after.path("sku").path("name").asText(), "an unplanned failover leaves a locally redundant account");
    assertTrue(after.path("properties").path("secondaryLocation").isMissingNode());
  }

  @Test
  void asecondOperationOnTheSameResourceIsAConflictWhileTheFirstRuns() {
    start(1);
    assertEquals(202, arm.send("POST", COSMOS + "/failoverPriorityChange", cosmosPriorities("westus2", "eastus2")).status());
    Arm.Reply second = arm.send("POST", COSMOS + "/offlineRegion", "{\"region\":\"eastus2\"}");
    assertEquals(409, second.status());
    assertEquals("AnotherOperationInProgress", second.json().path("error").path("code").asText());
  }

  @Test
  void agentPoolPutAnswersUpdatingAndScalesWhenTheOperationCompletes() {
    start(0.005); // 180 s -> 0.9 s
    Arm.Reply put = arm.send("PUT", AKS + "/agentPools/nodepool1", "{\"properties\":{\"count\":5}}");
    assertEquals(200, put.status());
    assertEquals("Updating", put.json().path("properties").path("provisioningState").asText());
    JsonNode during = arm.get(AKS + "/agentPools/nodepool1").json().path("properties");
    assertEquals(1, during.path("count").asInt());
    assertEquals("Updating", during.path("provisioningState").asText());
    assertEquals("Succeeded", arm.awaitAsync(put.header("Azure-AsyncOperation").orElseThrow()).path("status").asText());
    JsonNode after = arm.get(AKS + "/agentPools/nodepool1").json().path("properties");
    assertEquals(5, after.path("count").asInt());
    assertEquals("Succeeded", after.path("provisioningState").asText());
    assertEquals(200, arm.send("PUT", AKS + "/agentPools/nodepool1", "{\"properties\":{\"count\":5}}").status());
    assertEquals(1, journal("nodepool1", "aks.updateAgentPool").size(), "the same desired count again changes nothing");
  }

  @Test
  void anyApiVersionIsAcceptedButAMissingOneIsAnArmError() {
    start(0);
    assertEquals(200, arm.send("GET", TM, null, "2022-04-01").status());
    assertEquals(200, arm.send("GET", TM, null, "2099-12-31-preview").status());
    Arm.Reply missing = arm.send("GET", TM, null, null);
    assertEquals(400, missing.status());
    assertEquals("MissingApiVersionParameter", missing.json().path("error").path("code").asText());
    assertTrue(control.state().path("apiVersionsSeen").path("microsoft.network").toString().contains("2022-04-01"));
  }

  @Test
  void aRequestWithoutABearerTokenIsRefusedWith401() {
    start(0);
    Arm.Reply r = arm.raw(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + TM + "?api-version=2022-04-01")).GET().build());
    assertEquals(401, r.status());
    assertEquals("AuthenticationFailed", r.json().path("error").path("code").asText());
  }

  private String writeRegion() {
    return arm.get(COSMOS).json().path("properties").path("writeLocations").path(0).path("locationName").asText()
        .replace(" ", "").toLowerCase();
  }
}
