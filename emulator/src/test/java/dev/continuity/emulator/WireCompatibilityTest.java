package dev.continuity.emulator;

import static dev.continuity.emulator.DemoInventory.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Details of how the Azure SDK for Java calls ARM that the emulator must accept. */
class WireCompatibilityTest extends EmulatorTestBase {

  @BeforeEach
  void startInstant() {
    start(0);
  }

  @Test
  void aDoubledSlashAfterTheEndpointIsTheSamePath() {
    // The SDK joins an endpoint ending in "/" with "/{resourceUri}/providers/...": "//subscriptions/..."
    Arm.Reply r = arm.send("GET", emulator.baseUrl() + "/" + TM + "?api-version=2022-04-01", null, null);
    assertEquals(200, r.status(), r.raw().body());
    assertEquals("tm-ai-platform", r.json().path("name").asText());
  }

  @Test
  void cosmosReplicationLatencyIsServedAsAnAzureMonitorMetric() {
    control.lag(8, COSMOS);
    String now = java.time.Instant.now().toString();
    String from = java.time.Instant.now().minusSeconds(300).toString();
    Arm.Reply r = arm.send("GET", emulator.baseUrl() + "/" + COSMOS + "/providers/Microsoft.Insights/metrics?timespan=" + from + "/" + now
        + "&interval=PT1M&metricnames=ReplicationLatency&aggregation=Maximum&resultType=Data&api-version=2018-01-01", null, null);
    assertEquals(200, r.status(), r.raw().body());
    JsonNode metric = r.json().path("value").path(0);
    assertEquals("ReplicationLatency", metric.path("name").path("value").asText());
    assertEquals("MilliSeconds", metric.path("unit").asText());
    JsonNode data = metric.path("timeseries").path(0).path("data");
    assertEquals(5, data.size());
    assertEquals(8000.0, data.path(4).path("maximum").asDouble(), 0.001);
    Arm.Reply unknown = arm.send("GET", STORAGE + "/providers/Microsoft.Insights/metrics?metricnames=ReplicationLatency", null);
    assertEquals(400, unknown.status());
  }

  @Test
  void pollUrlsUseTheHostTheClientCalled() {
    Arm.Reply r = arm.send("POST", AKS + "/stop", null);
    URI location = URI.create(r.header("Location").orElseThrow());
    assertEquals(emulator.port(), location.getPort());
    assertTrue(location.getPath().startsWith("/subscriptions/" + SUB + "/providers/Microsoft.ContainerService/locations/westus2/operationResults/"),
        location.toString());
  }

  @Test
  void subscriptionReadAndUnknownProvidersAnswerInArmShape() {
    assertEquals(SUB, arm.get("/subscriptions/" + SUB).json().path("subscriptionId").asText());
    Arm.Reply r = arm.get("/subscriptions/" + SUB + "/resourceGroups/rg/providers/Microsoft.Nope/things/x");
    assertEquals(400, r.status());
    assertEquals("InvalidResourceType", r.json().path("error").path("code").asText());
  }
}
