package dev.continuity.cli;

import static dev.continuity.cli.CliHarness.stepState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.cli.CliHarness.Run;
import dev.continuity.model.operation.OperationTicket;
import dev.continuity.model.plan.Mode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * failover, approve, reject, decide, status and list, end to end: the real command line, the real
 * workflows on a Temporal test server, the shipped runbooks, test doubles for the actions.
 */
class OperationCommandsTest {
  private static final String ALICE = "alice@contoso.com";
  private CliHarness cli;

  @BeforeEach
  void start() throws Exception {
    cli = new CliHarness();
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  private String startFailover(String severity) {
    Run r = cli.run("failover", "--stamp", "ai-platform", "--severity", severity, "--reason", "test", "--json");
    assertEquals(0, r.exit(), r.toString());
    OperationTicket ticket = r.json(OperationTicket.class);
    assertEquals("ai-platform", ticket.stamp());
    assertEquals(Mode.FAILOVER, ticket.mode());
    assertFalse(ticket.joined());
    return ticket.operationId();
  }

  private void awaitApprovalGate(String op) {
    cli.awaitStatus(op, s -> "AWAITING_APPROVAL".equals(stepState(s, "approve-failover")), "the approval gate");
  }

  @Test
  void automaticFailoverWithWaitShowsStepsAndExitsZero() {
    Run r = cli.run("failover", "--stamp", "ai-platform", "--severity", "Sev0", "--wait");

    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("Failover of ai-platform accepted: operation ai-platform-failover-"), r.out());
    assertTrue(r.out().matches("(?s).*\\d\\d:\\d\\d:\\d\\d  cosmos-write-region  succeeded.*"), r.out());
    assertTrue(r.out().contains("outcome SUCCEEDED  active region westus2"), r.out());
    assertTrue(cli.actions.calls().contains("tm-promote-to"));
  }

  @Test
  void onATerminalTheLiveViewRedrawsTheStepTableInPlace() {
    Run r = cli.runOnTerminal("failover", "--stamp", "ai-platform", "--severity", "Sev0", "--wait");

    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().matches("(?s).*\u001b\\[\\d+F.*"), "cursor moves up to redraw: " + r.out());
    assertTrue(r.out().contains("[ok] verify-outage"), r.out());
    assertTrue(r.out().contains("outcome SUCCEEDED"), r.out());
  }

  @Test
  void gateWaitsUntilAnApproverApprovesAndRefusesOthersWithTheReason() {
    String op = startFailover("Sev2");
    awaitApprovalGate(op);

    Run listed = cli.run("list", "--awaiting-approval", "--json");
    assertEquals(0, listed.exit(), listed.toString());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> ops = listed.json(List.class);
    assertEquals(1, ops.size(), listed.out());
    assertEquals(op, ops.get(0).get("operationId"));
    assertEquals("ai-platform", ops.get(0).get("stamp"));

    Run table = cli.run("list", "--awaiting-approval");
    assertTrue(table.out().lines().anyMatch(l -> l.startsWith(op + " ") && l.contains("awaiting-approval")
        && l.contains("ai-platform")), table.out());

    Run snapshot = cli.run("status", op);
    assertEquals(0, snapshot.exit(), snapshot.toString());
    assertTrue(snapshot.out().contains("continuity approve " + op + " --as <you>"), snapshot.out());
    assertTrue(snapshot.out().contains("Send Signal \"approval\""), snapshot.out());

    Run stranger = cli.run("approve", op, "--as", "mallory@evil.example");
    assertEquals(3, stranger.exit(), stranger.toString());
    assertTrue(stranger.err().startsWith("continuity: refused: "), stranger.err());
    assertTrue(stranger.err().contains("mallory@evil.example"), stranger.err());
    assertEquals(1, stranger.err().lines().count(), stranger.err());

    Run approved = cli.run("approve", op, "--as", ALICE, "--comment", "eastus2 is down");
    assertEquals(0, approved.exit(), approved.toString());

    Run watched = cli.run("status", op, "--watch");
    assertEquals(0, watched.exit(), watched.toString());
    assertTrue(watched.out().contains("outcome SUCCEEDED"), watched.out());

    Run again = cli.run("approve", op, "--as", ALICE);
    assertEquals(3, again.exit(), again.toString());
  }

  @Test
  void waitPrintsHowToApproveThenFollowsTheOperationToItsEnd() throws Exception {
    CompletableFuture<Run> waiting = CompletableFuture.supplyAsync(
        () -> cli.run("failover", "--stamp", "ai-platform", "--severity", "Sev1", "--wait", "--as", ALICE));
    String op = null;
    long deadline = System.currentTimeMillis() + 20_000;
    while (op == null && System.currentTimeMillis() < deadline) {
      Run list = cli.run("list", "--awaiting-approval", "--json");
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> ops = list.json(List.class);
      if (!ops.isEmpty()) op = (String) ops.get(0).get("operationId");
      else CliHarness.sleep(100);
    }
    assertTrue(op != null, "no operation awaiting approval");
    CliHarness.sleep(500); // let the live view print the hint
    assertEquals(0, cli.run("approve", op, "--as", ALICE).exit());

    Run r = waiting.get(30, TimeUnit.SECONDS);
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("approve-failover  awaiting approval"), r.out());
    assertTrue(r.out().contains("continuity approve " + op + " --as <you>"), r.out());
    assertTrue(r.out().contains("{\"step\":\"approve-failover\",\"approve\":true,\"approver\":\"<you>\""), r.out());
    assertTrue(r.out().contains("outcome SUCCEEDED"), r.out());
  }

  @Test
  void acceptedRequestSaysHowToFollowAndHowToApproveAGateThatWillWait() {
    Run r = cli.run("failover", "--stamp", "ai-platform", "--severity", "Sev2");
    assertEquals(0, r.exit(), r.toString());
    String op = r.out().lines().findFirst().orElseThrow().replaceAll(".*operation ", "");
    assertTrue(r.out().contains("Follow it:  continuity status " + op + " --watch"), r.out());
    assertTrue(r.out().contains("Step approve-failover will wait for an approval (group:dr-leads):"), r.out());
    assertTrue(r.out().contains("continuity approve " + op + " --as <you>"), r.out());
    assertTrue(r.out().contains("http://localhost:8233/namespaces/default/workflows/" + op), r.out());

    Run automatic = cli.run("failover", "--stamp", "web-api", "--severity", "Sev0");
    assertEquals(0, automatic.exit(), automatic.toString());
    assertFalse(automatic.out().contains("will wait for an approval"), automatic.out());
  }

  @Test
  void rejectAbortsAndStatusExitsOne() {
    String op = startFailover("Sev2");
    awaitApprovalGate(op);

    Run rejected = cli.run("reject", op, "--as", ALICE, "--comment", "false alarm");
    assertEquals(0, rejected.exit(), rejected.toString());

    Run watched = cli.run("status", op, "--watch");
    assertEquals(1, watched.exit(), watched.toString());
    assertTrue(watched.out().contains("outcome ABORTED"), watched.out());

    Run json = cli.run("status", op, "--json");
    assertEquals(1, json.exit(), json.toString());
    @SuppressWarnings("unchecked")
    Map<String, Object> status = json.json(Map.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> result = (Map<String, Object>) status.get("result");
    assertEquals("ABORTED", result.get("outcome"));
    assertEquals("NOT_RUN", stepState(status, "cosmos-write-region"));
  }

  @Test
  void conflictingOperationIsRefusedWithExitThree() {
    String op = startFailover("Sev2");
    awaitApprovalGate(op);

    Run failback = cli.run("failback", "--stamp", "ai-platform");
    assertEquals(3, failback.exit(), failback.toString());
    assertTrue(failback.err().startsWith("continuity: stamp ai-platform refused the failback: "), failback.err());
    assertTrue(failback.err().contains(op), failback.err());

    Run drillJson = cli.run("drill", "--stamp", "ai-platform", "--json");
    assertEquals(3, drillJson.exit(), drillJson.toString());
    @SuppressWarnings("unchecked")
    Map<String, Object> refusal = drillJson.json(Map.class);
    assertEquals(false, refusal.get("accepted"));

    Run repeat = cli.run("failover", "--stamp", "ai-platform", "--severity", "Sev2", "--json");
    assertEquals(0, repeat.exit(), repeat.toString());
    OperationTicket joined = repeat.json(OperationTicket.class);
    assertTrue(joined.joined());
    assertEquals(op, joined.operationId());
  }

  @Test
  void failedStepWaitsForADecisionAndAbortEndsWithExitOne() {
    cli.actions.fail("cosmos-write-region");
    String op = startFailover("Sev0");
    cli.awaitStatus(op, s -> "AWAITING_DECISION".equals(stepState(s, "cosmos-write-region")), "the decision");

    Run snapshot = cli.run("status", op);
    assertTrue(snapshot.out().contains("continuity decide " + op + " --step cosmos-write-region retry|skip|abort"),
        snapshot.out());

    Run wrongStep = cli.run("decide", op, "--step", "storage-failover", "retry", "--as", ALICE);
    assertEquals(3, wrongStep.exit(), wrongStep.toString());

    Run badDecision = cli.run("decide", op, "--step", "cosmos-write-region", "maybe", "--as", ALICE);
    assertEquals(2, badDecision.exit(), badDecision.toString());

    Run abort = cli.run("decide", op, "--step", "cosmos-write-region", "abort", "--as", ALICE, "--json");
    assertEquals(0, abort.exit(), abort.toString());
    assertEquals(true, abort.json(Map.class).get("accepted"));

    Run watched = cli.run("status", op, "--watch");
    assertEquals(1, watched.exit(), watched.toString());
    assertTrue(watched.out().contains("outcome ABORTED"), watched.out());
  }

  @Test
  void statusWithoutOperationShowsEachStampsActiveRegion() {
    Run failover = cli.run("failover", "--stamp", "ai-platform", "--severity", "Sev0", "--wait", "--json");
    assertEquals(0, failover.exit(), failover.toString());

    Run r = cli.run("status", "--json");
    assertEquals(0, r.exit(), r.toString());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> stamps = r.json(List.class);
    assertEquals(List.of("ai-platform", "web-api", "data-pipelines", "aks-airflow", "genai"), stamps.stream().map(s -> s.get("stamp")).toList());
    @SuppressWarnings("unchecked")
    Map<String, Object> ai = (Map<String, Object>) stamps.get(0).get("state");
    assertEquals("westus2", ai.get("activeRegion"));
    assertEquals(null, stamps.get(1).get("state"), "no request ever reached web-api");

    Run text = cli.run("status");
    assertTrue(text.out().lines().anyMatch(l -> l.startsWith("ai-platform") && l.contains("active westus2  idle")
        && l.contains("last failover ai-platform-failover-")), text.out());
    assertTrue(text.out().lines().anyMatch(l -> l.startsWith("web-api") && l.contains("active eastus  (no operation yet)")), text.out());

    Run failback = cli.run("failback", "--stamp", "ai-platform");
    assertEquals(3, failback.exit(), "cooldown must refuse: " + failback);
    assertTrue(failback.err().contains("cooldown"), failback.err());
  }

  @Test
  void unknownOperationIsAUsageError() {
    Run status = cli.run("status", "no-such-operation");
    assertEquals(2, status.exit(), status.toString());
    assertTrue(status.err().contains("no operation 'no-such-operation'"), status.err());

    Run approve = cli.run("approve", "no-such-operation", "--as", ALICE);
    assertEquals(2, approve.exit(), approve.toString());
  }
}
