package dev.continuity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.continuity.model.Json;
import dev.continuity.starter.TemporalSession;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code continuity starter serve} end to end on the in-process Temporal server with the shipped
 * runbooks: alerts posted over HTTP start the stamp's failover, a storm joins it, a resolved alert
 * withdraws it where the stamp lets "alert:resolved" approve.
 */
class StarterServeCommandTest {
  private CliHarness cli;

  @BeforeEach
  void start() {
    cli = new CliHarness();
  }

  @AfterEach
  void stop() {
    cli.env.close();
  }

  private ServedAlerts serve(Path config) throws Exception {
    return new ServedAlerts(config, conn -> new TemporalSession(conn, cli.env.getWorkflowServiceStubs(),
        cli.env.getWorkflowClient(), cli.env::getOperatorServiceStubs, false));
  }

  private static JsonNode result(HttpResponse<String> r) throws Exception {
    assertEquals(200, r.statusCode(), r.body());
    return Json.MAPPER.readTree(r.body()).path("results").get(0);
  }

  @Test
  void anAlertStartsTheFailoverWhichWaitsForApprovalAndAStormJoinsIt() throws Exception {
    try (ServedAlerts server = serve(CliHarness.RUNBOOKS)) {
      assertTrue(server.output().contains("listening on http://127.0.0.1:" + server.port), server.output());
      JsonNode first = result(server.post("/alerts", ServedAlerts.metricAlert("e2e-0", "Fired")));
      assertEquals("started", first.path("outcome").asText(), first.toString());
      String op = first.path("operationId").asText();
      assertTrue(op.startsWith("ai-platform-failover-"), op);
      // Sev1 needs approval under ai-platform's policy: the gate waits for a person.
      cli.awaitStatus(op, s -> "AWAITING_APPROVAL".equals(CliHarness.stepState(s, "approve-failover")), "the approval gate");

      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<HttpResponse<String>>> storm = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
          String id = "e2e-" + i;
          storm.add(pool.submit(() -> server.post("/alerts", ServedAlerts.metricAlert(id, "Fired"))));
        }
        Set<String> operations = new HashSet<>();
        for (Future<HttpResponse<String>> f : storm) {
          JsonNode d = result(f.get());
          assertEquals("joined", d.path("outcome").asText(), d.toString());
          operations.add(d.path("operationId").asText());
        }
        assertEquals(Set.of(op), operations);
      } finally {
        pool.shutdownNow();
      }
      assertEquals("replay", result(server.post("/alerts", ServedAlerts.metricAlert("e2e-0", "Fired"))).path("outcome").asText());

      // ai-platform's approvers do not include alert:resolved: the resolution is recorded, the failover goes on.
      JsonNode resolved = result(server.post("/alerts", ServedAlerts.metricAlert("e2e-0", "Resolved")));
      assertEquals("resolved", resolved.path("outcome").asText(), resolved.toString());
      assertTrue(resolved.path("detail").asText().contains("alert:resolved"), resolved.toString());
      CliHarness.Run status = cli.run("status", op, "--json");
      assertTrue(status.out().contains("alert:resolved"), "the refused withdrawal is in the timeline: " + status.out());
      assertEquals("AWAITING_APPROVAL", CliHarness.stepState(status.json(Map.class), "approve-failover"));

      String metrics = server.get("/metrics").body();
      assertTrue(metrics.contains("continuity_alert_operations_started_total 1.0\n"), metrics);
      assertTrue(metrics.contains("continuity_alert_outcomes_total{outcome=\"joined\"} 100.0\n"), metrics);
    }
  }

  @Test
  void aResolvedAlertWithdrawsTheWaitingFailoverWhereTheStampAllowsIt(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("runbooks");
    Files.createDirectories(config);
    try (Stream<Path> files = Files.list(CliHarness.RUNBOOKS)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) Files.copy(f, config.resolve(f.getFileName()));
    }
    Files.createDirectories(config.resolve("schema"));
    try (Stream<Path> files = Files.list(CliHarness.RUNBOOKS.resolve("schema"))) {
      for (Path f : files.toList()) Files.copy(f, config.resolve("schema").resolve(f.getFileName()));
    }
    String inventory = Files.readString(config.resolve("inventory.yaml"));
    String withdrawable = inventory.replaceFirst("approvers: \\[group:dr-leads\\]", "approvers: [group:dr-leads, alert:resolved]");
    assertTrue(!withdrawable.equals(inventory));
    Files.writeString(config.resolve("inventory.yaml"), withdrawable);

    try (ServedAlerts server = serve(config)) {
      String op = result(server.post("/alerts", ServedAlerts.metricAlert("w-1", "Fired"))).path("operationId").asText();
      cli.awaitStatus(op, s -> "AWAITING_APPROVAL".equals(CliHarness.stepState(s, "approve-failover")), "the approval gate");
      JsonNode withdrawn = result(server.post("/alerts", ServedAlerts.metricAlert("w-1", "Resolved")));
      assertEquals("withdrawn", withdrawn.path("outcome").asText(), withdrawn.toString());
      assertEquals(op, withdrawn.path("operationId").asText());
      Map<String, Object> end = cli.awaitStatus(op, s -> !"RUNNING".equals(s.get("execution")), "the failover to end");
      assertTrue(Json.MAPPER.writeValueAsString(end).contains("alert:resolved"), end.toString());
      assertTrue(!cli.actions.calls().contains("traffic") && !cli.actions.calls().contains("frontdoor-origin"),
          "no change after the withdrawal: " + cli.actions.calls());
    }
  }

  @Test
  void serveRefusesToRunWithoutACredentialToCheck() {
    Continuity c = new Continuity(Map.of("CONTINUITY_CONFIG", CliHarness.RUNBOOKS.toString()), conn -> {
      throw new AssertionError("no connection without a credential");
    }, ConfigSource.FILES);
    CliHarness.Run r = CliHarness.execute(c.commandLine(), "starter", "serve", "--port", "0");
    assertEquals(2, r.exit(), r.toString());
    assertTrue(r.err().contains("CONTINUITY_ALERT_SECRET"), r.toString());
  }
}
