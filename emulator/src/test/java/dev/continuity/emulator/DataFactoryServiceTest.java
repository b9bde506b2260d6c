package dev.continuity.emulator;

import static dev.continuity.emulator.DemoInventory.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Data Factory triggers, runs and self-hosted integration runtimes in the emulator. */
class DataFactoryServiceTest extends EmulatorTestBase {
  static final String ACTIVE = "{\"filters\":[{\"operand\":\"Status\",\"operator\":\"In\",\"values\":[\"Queued\",\"InProgress\"]}]}";

  @BeforeEach
  void setUp() {
    start(0);
  }

  @Test
  void primaryTriggersRunAndSecondaryTriggersWait() {
    assertEquals("Started", arm.get(ADF + "/triggers/nightly").json().path("properties").path("runtimeState").asText());
    assertEquals("Stopped", arm.get(ADF_SECONDARY + "/triggers/nightly").json().path("properties").path("runtimeState").asText());

    assertEquals(200, arm.send("POST", ADF + "/triggers/nightly/stop", null).status());
    assertEquals("Stopped", arm.get(ADF + "/triggers/nightly").json().path("properties").path("runtimeState").asText());
    assertEquals(1, journal(ADF + "/triggers/nightly", "dataFactory.stopTrigger").size());
  }

  @Test
  void activeRunsAreQueriedAndCancelledOnce() {
    JsonNode runs = arm.send("POST", ADF + "/queryPipelineRuns", ACTIVE).json().path("value");
    assertEquals(1, runs.size());
    assertEquals("ingest", runs.get(0).path("pipelineName").asText());
    String runId = runs.get(0).path("runId").asText();

    assertEquals(200, arm.send("POST", ADF + "/pipelineruns/" + runId + "/cancel?isRecursive=true", null).status());
    assertEquals(200, arm.send("POST", ADF + "/pipelineruns/" + runId + "/cancel?isRecursive=true", null).status());
    assertEquals("Cancelled", arm.get(ADF + "/pipelineruns/" + runId).json().path("status").asText());
    assertTrue(arm.send("POST", ADF + "/queryPipelineRuns", ACTIVE).json().path("value").isEmpty());
    assertEquals(1, journal(runId, "dataFactory.cancelRun").size());
  }

  @Test
  void selfHostedRuntimeGoesOfflineWithTheRegionOfItsNodes() {
    JsonNode status = arm.send("POST", ADF_SECONDARY + "/integrationRuntimes/shir/getStatus", null).json();
    assertEquals("Online", status.path("properties").path("state").asText());
    assertEquals("SelfHosted", status.path("properties").path("type").asText());

    control.outage("westus");
    assertEquals(503, arm.send("POST", ADF_SECONDARY + "/integrationRuntimes/shir/getStatus", null).status(),
        "the factory's control plane fails with its region");
    control.restore("westus");
    control.outage("eastus");
    assertEquals("Online", arm.send("POST", ADF_SECONDARY + "/integrationRuntimes/shir/getStatus", null).json()
        .path("properties").path("state").asText());
    JsonNode east = arm.send("POST", ADF_SECONDARY + "/integrationRuntimes/shir-east/getStatus", null).json().path("properties");
    assertEquals("Offline", east.path("state").asText(), "its nodes live in the region that is down");
    assertEquals("Offline", east.path("typeProperties").path("nodes").path(0).path("status").asText());
  }
}
