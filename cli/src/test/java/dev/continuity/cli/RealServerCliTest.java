package dev.continuity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.continuity.model.operation.OperationTicket;
import dev.continuity.starter.SearchAttributeSetup;
import dev.continuity.starter.TemporalConnection;
import dev.continuity.starter.TemporalSession;
import dev.continuity.worker.ContinuityWorker;
import dev.continuity.workflows.Workflows;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TemporalDevServer;
import io.temporal.testing.TemporalDevServerOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
  private static ContinuityWorker worker;

  @BeforeAll
  static void startServerAndWorker() {
    String cli = System.getenv("TEMPORAL_CLI");
    if (cli == null && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI must run the real-server tests: scripts/test.sh sets TEMPORAL_CLI");
    }
    assumeTrue(cli != null, "TEMPORAL_CLI is not set (scripts/test.sh sets it); real-server tests skipped");
    server = TemporalDevServer.start(TemporalDevServerOptions.newBuilder()
        .setExistingPath(cli).setDownloadEnabled(false).setUiEnabled(false).setLogLevel("error").build());
    session = new TemporalConnection(server.getTarget(), server.getNamespace(), null, null, null, null, null, false, null).open();
    assertTrue(SearchAttributeSetup.ensure(session.operatorService(), server.getNamespace()).complete());
    WorkflowClient client = session.client();
    worker = new ContinuityWorker(client, Workflows.IMPLEMENTATIONS, List.of(new ScriptedActions(), new TestReport(), new TestNotifications()));
    worker.start();
  }

  @AfterAll
  static void stop() {
    if (worker != null) worker.close();
    if (session != null) session.close();
    if (server != null) server.close();
  }

  private static CliHarness.Run continuity(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--temporal";
    all[args.length + 1] = server.getTarget();
    Continuity c = new Continuity(Map.of("CONTINUITY_CONFIG", CliHarness.RUNBOOKS.toString()), TemporalConnection::open,
        ConfigSource.FILES).withPollInterval(Duration.ofMillis(200));
    return CliHarness.execute(c.commandLine(), all);
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
