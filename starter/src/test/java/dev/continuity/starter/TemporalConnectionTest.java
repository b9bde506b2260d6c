package dev.continuity.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemporalConnectionTest {

  @Test
  void defaultsToTheLocalDevServer() {
    TemporalConnection c = TemporalConnection.fromEnvironment(Map.of());
    assertEquals("localhost:7233", c.address());
    assertEquals("default", c.namespace());
    assertFalse(c.usesTls());
    assertFalse(c.serviceOptions().getEnableHttps());
    assertEquals("http://localhost:8233/namespaces/default/workflows/op-1", c.workflowUrl("op-1"));
  }

  @Test
  void anApiKeyMeansTlsWithABearerTokenAndTheCloudUi() {
    TemporalConnection c = TemporalConnection.fromEnvironment(Map.of(
        "TEMPORAL_ADDRESS", "my-ns.a1b2c.tmprl.cloud:7233", "TEMPORAL_NAMESPACE", "my-ns.a1b2c", "TEMPORAL_API_KEY", "k"));
    WorkflowServiceStubsOptions o = c.serviceOptions();
    assertTrue(o.getEnableHttps());
    assertEquals("my-ns.a1b2c.tmprl.cloud:7233", o.getTarget());
    assertFalse(o.getGrpcMetadataProviders().isEmpty(), "the API key is sent as metadata");
    assertNotNull(o.getHeaders());
    assertEquals("https://cloud.temporal.io/namespaces/my-ns.a1b2c/workflows/op-1", c.workflowUrl("op-1"));
  }

  @Test
  void aRemoteClusterWithoutUiUrlHasNoLink() {
    TemporalConnection c = new TemporalConnection("temporal.internal:7233", null, null, null, null, null, null, false, null);
    assertNull(c.workflowUrl("op-1"));
    TemporalConnection withUi = new TemporalConnection("temporal.internal:7233", "dr", null, null, null, null, null, false,
        "https://ui.internal/");
    assertEquals("https://ui.internal/namespaces/dr/workflows/op-1", withUi.workflowUrl("op-1"));
  }

  @Test
  void aCertificateWithoutItsKeyIsAClearError() {
    TemporalConnection c = new TemporalConnection("h:7233", null, null, Path.of("client.pem"), null, null, null, false, null);
    TemporalUnavailableException e = assertThrows(TemporalUnavailableException.class, c::serviceOptions);
    assertEquals("cannot reach Temporal at h:7233: mutual TLS needs both --tls-cert and --tls-key", e.getMessage());
  }
}
