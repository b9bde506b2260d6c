package dev.continuity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.continuity.model.operation.ApprovalRequest;
import dev.continuity.model.operation.OperationTicket;
import dev.continuity.model.operation.Outcome;
import dev.continuity.model.timeline.StepRecord;
import dev.continuity.model.timeline.StepState;
import dev.continuity.starter.OperationControl;
import dev.continuity.starter.OperationStatus;
import dev.continuity.starter.TemporalConnection;
import dev.continuity.starter.TemporalSession;
import dev.continuity.starter.codec.CodecServer;
import dev.continuity.starter.codec.EncryptionCodec;
import dev.continuity.starter.codec.PayloadKeys;
import dev.continuity.workflows.ContinuityNames;
import io.temporal.api.common.v1.Payload;
import io.temporal.testing.TemporalDevServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nothing of the estate sits in plain text in Temporal: a failover requested through the CLI and run
 * by a worker, both with the payload key, leaves a history (read raw from the real server) whose
 * every payload is AES-GCM ciphertext; the codec endpoint the Web UI calls turns it back into JSON.
 */
class EncryptedPayloadsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static TemporalDevServer server;
  private static TemporalSession session;
  private static RealTemporal temporal;
  private static PayloadKeys keys;
  private static String keySetting;

  @BeforeAll
  static void start() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    keySetting = "2026-11:" + Base64.getEncoder().encodeToString(key);
    keys = PayloadKeys.fromEnvironment(Map.of(PayloadKeys.KEY, keySetting));
    temporal = RealTemporal.start(keys);
    server = temporal.server;
    session = temporal.session;
  }

  @AfterAll
  static void stop() {
    if (temporal != null) temporal.close();
  }


  @Test
  void historyHoldsOnlyCiphertextAndTheCodecEndpointReadsIt() throws Exception {
    // The CLI, as an operator runs it, with the key in its environment.
    Continuity c = new Continuity(Map.of("CONTINUITY_CONFIG", CliHarness.RUNBOOKS.toString(), PayloadKeys.KEY, keySetting),
        TemporalConnection::open, ConfigSource.FILES).withPollInterval(Duration.ofMillis(200));
    CliHarness.Run started = CliHarness.execute(c.commandLine(), "failover", "--stamp", "ai-platform", "--severity", "Sev1",
        "--reason", "encrypted", "--json", "--temporal", server.getTarget());
    assertEquals(0, started.exit(), started.toString());
    String op = started.json(OperationTicket.class).operationId();
    OperationStatus end = runToEnd(op);
    assertEquals(Outcome.SUCCEEDED, end.result().outcome(), end.result().summary());

    List<Payload> payloads = new ArrayList<>();
    payloads.addAll(payloadsOf(op));
    payloads.addAll(payloadsOf(ContinuityNames.stampWorkflowId("ai-platform")));
    assertTrue(payloads.size() > 10, "the histories carry payloads: " + payloads.size());
    String resourceId = "cosmos-ai-platform";
    for (Payload p : payloads) {
      assertEquals(EncryptionCodec.ENCODING, p.getMetadataOrThrow("encoding").toStringUtf8(),
          () -> "every payload is encrypted, not: " + p.getData().toStringUtf8());
      assertEquals("2026-11", p.getMetadataOrThrow(EncryptionCodec.KEY_ID).toStringUtf8());
      String data = p.getData().toString(StandardCharsets.ISO_8859_1);
      assertFalse(data.contains("ai-platform") || data.contains(resourceId) || data.contains("alice@contoso.com"),
          "plain text in a payload");
    }

    // A client without the key cannot read the result; the codec endpoint (the Web UI's view) can.
    try (TemporalSession plain = new TemporalConnection(server.getTarget(), server.getNamespace(), null, null, null, null, null,
        false, null).open()) {
      OperationStatus unreadable = null;
      try {
        unreadable = new OperationControl(plain.client()).status(op);
      } catch (RuntimeException cannotDecode) {
        // as good: the payload is not readable without the key
      }
      assertTrue(unreadable == null || unreadable.result() == null, "a client without the key reads no result");
    }
    try (CodecServer codec = CodecServer.start("127.0.0.1", 0, new EncryptionCodec(keys), Set.of("http://localhost:8233"))) {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + codec.port();
      String body = JSON.writeValueAsString(CodecServer.toJson(payloads));
      HttpResponse<String> decoded = http.send(HttpRequest.newBuilder(URI.create(base + "/decode"))
          .header("Content-Type", "application/json").header("Origin", "http://localhost:8233").header("X-Namespace", "default")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, decoded.statusCode(), decoded.body());
      assertEquals("http://localhost:8233", decoded.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
      JsonNode out = JSON.readTree(decoded.body()).path("payloads");
      assertEquals(payloads.size(), out.size());
      StringBuilder clear = new StringBuilder();
      for (JsonNode p : out) {
        assertEquals("json/plain", new String(Base64.getDecoder().decode(p.path("metadata").path("encoding").asText()), StandardCharsets.UTF_8));
        clear.append(new String(Base64.getDecoder().decode(p.path("data").asText()), StandardCharsets.UTF_8));
      }
      assertTrue(clear.toString().contains(resourceId), "the decoded payloads are the plan and results");

      HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create(base + "/decode"))
          .header("Origin", "http://localhost:8233").header("Access-Control-Request-Method", "POST")
          .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, preflight.statusCode());
      assertTrue(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").contains("X-Namespace"));
      HttpResponse<String> stranger = http.send(HttpRequest.newBuilder(URI.create(base + "/decode"))
          .header("Origin", "https://evil.example").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertTrue(stranger.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), "no CORS grant for other origins");

      // Round trip through /encode: what the UI sends back (a signal's input) is encrypted with the current key.
      HttpResponse<String> encoded = http.send(HttpRequest.newBuilder(URI.create(base + "/encode"))
          .POST(HttpRequest.BodyPublishers.ofString(decoded.body())).build(), HttpResponse.BodyHandlers.ofString());
      List<Payload> again = CodecServer.fromJson(JSON.readTree(encoded.body()).path("payloads"));
      assertEquals(EncryptionCodec.ENCODING, again.get(0).getMetadataOrThrow("encoding").toStringUtf8());
      assertEquals(new EncryptionCodec(keys).decode(payloads), new EncryptionCodec(keys).decode(again));
    }
  }

  private static OperationStatus runToEnd(String op) throws Exception {
    OperationControl operations = new OperationControl(session.client());
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      OperationStatus s = operations.status(op);
      if (!s.running()) return s;
      for (StepRecord step : s.timeline() == null ? List.<StepRecord>of() : s.timeline().steps) {
        if (step.state == StepState.AWAITING_APPROVAL) {
          operations.approve(op, new ApprovalRequest(step.id, true, "alice@contoso.com", "go"));
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError(op + " did not end within a minute");
  }

  private static List<Payload> payloadsOf(String workflowId) {
    return RawHistory.payloads(session.service(), server.getNamespace(), workflowId);
  }
}
