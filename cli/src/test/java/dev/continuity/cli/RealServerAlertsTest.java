package dev.continuity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.continuity.model.Json;
import dev.continuity.model.operation.StampState;
import dev.continuity.starter.OperationControl;
import dev.continuity.starter.TemporalConnection;
import dev.continuity.starter.TemporalSession;
import io.temporal.testing.TemporalDevServer;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code continuity starter serve} against a real Temporal server (the Temporal CLI's dev server,
 * as scripts/test.sh installs it), connected by the production connection code: alerts posted over
 * HTTP start one failover, which the stamp entity on the real server joins the rest to.
 */
class RealServerAlertsTest {
  private static TemporalDevServer server;
  private static TemporalSession session;
  private static RealTemporal temporal;

  @BeforeAll
  static void startServerAndWorker() {
    temporal = RealTemporal.start();
    server = temporal.server;
    session = temporal.session;
  }

  @AfterAll
  static void stop() {
    if (temporal != null) temporal.close();
  }


  @Test
  void alertsPostedToTheServerStartOneFailoverOnTheRealServer() throws Exception {
    try (ServedAlerts alerts = new ServedAlerts(CliHarness.RUNBOOKS, TemporalConnection::open,
        "--temporal", server.getTarget(), "--namespace", server.getNamespace())) {
      assertTrue(alerts.output().contains("Temporal " + server.getTarget()), alerts.output());
      Set<String> operations = new HashSet<>();
      int started = 0;
      for (int i = 0; i < 30; i++) {
        HttpResponse<String> r = alerts.post("/alerts", ServedAlerts.metricAlert("real-" + i, "Fired"));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode d = Json.MAPPER.readTree(r.body()).path("results").get(0);
        if ("started".equals(d.path("outcome").asText())) started++;
        else assertEquals("joined", d.path("outcome").asText(), d.toString());
        operations.add(d.path("operationId").asText());
      }
      assertEquals(1, started);
      assertEquals(1, operations.size(), operations.toString());
      String op = operations.iterator().next();
      StampState state = new OperationControl(session.client()).stampState("ai-platform").orElseThrow();
      assertEquals(op, state.currentOperation());
      assertEquals("failover", state.currentMode());
    }
  }
}
