package dev.continuity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.model.operation.OperationTicket;
import dev.continuity.starter.TemporalSession;
import io.temporal.testing.TemporalDevServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CLI against a real Temporal server (the Temporal CLI's dev server, as scripts/test.sh
 * installs it), through the production connection code: what the in-process server cannot show,
 * above all the visibility query behind "list --awaiting-approval".
 */
class RealServerCliTest {
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


  private static CliHarness.Run continuity(String... args) {
    return temporal.continuity(args);
  }

  @Test
  void operatorsFindTheFailoverAwaitingApprovalApproveItAndSeeItSucceed() {
    CliHarness.Run started = continuity("failover", "--stamp", "ai-platform", "--severity", "Sev2", "--reason", "real server", "--json");
    assertEquals(0, started.exit(), started.toString());
    String op = started.json(OperationTicket.class).operationId();

    // Visibility is eventually consistent: the search attribute reaches the list within moments.
    long deadline = System.currentTimeMillis() + 30_000;
    CliHarness.Run listed = continuity("list", "--awaiting-approval", "--json");
    while (!listed.out().contains(op) && System.currentTimeMillis() < deadline) {
      CliHarness.sleep(300);
      listed = continuity("list", "--awaiting-approval", "--json");
    }
    assertEquals(0, listed.exit(), listed.toString());
    assertTrue(listed.out().contains(op), "awaiting approval: " + listed);

    CliHarness.Run stranger = continuity("approve", op, "--as", "mallory@contoso.com");
    assertEquals(3, stranger.exit(), stranger.toString());
    assertTrue(stranger.err().contains("mallory@contoso.com"), stranger.toString());

    CliHarness.Run approved = continuity("approve", op, "--as", "alice@contoso.com", "--comment", "go");
    assertEquals(0, approved.exit(), approved.toString());

    CliHarness.Run watched = continuity("status", op, "--watch");
    assertEquals(0, watched.exit(), watched.toString());
    assertTrue(watched.out().contains("succeeded"), watched.toString());

    deadline = System.currentTimeMillis() + 30_000;
    CliHarness.Run waiting = continuity("list", "--awaiting-approval", "--json");
    while (waiting.out().contains(op) && System.currentTimeMillis() < deadline) {
      CliHarness.sleep(300);
      waiting = continuity("list", "--awaiting-approval", "--json");
    }
    assertTrue(!waiting.out().contains(op), "no longer awaiting approval: " + waiting);
    CliHarness.Run stamps = continuity("status");
    assertEquals(0, stamps.exit(), stamps.toString());
    assertTrue(stamps.out().contains("westus2"), stamps.toString());
  }
}
