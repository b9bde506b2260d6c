package dev.continuity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.continuity.model.operation.OperationTicket;
import dev.continuity.model.operation.Outcome;
import dev.continuity.model.timeline.EventKind;
import dev.continuity.model.timeline.StepRecord;
import dev.continuity.model.timeline.StepState;
import dev.continuity.starter.OperationControl;
import dev.continuity.starter.OperationStatus;
import dev.continuity.starter.SearchAttributeSetup;
import dev.continuity.starter.TemporalConnection;
import dev.continuity.starter.TemporalSession;
import dev.continuity.worker.ContinuityWorker;
import dev.continuity.workflows.Workflows;
import io.temporal.testing.TemporalDevServer;
import io.temporal.testing.TemporalDevServerOptions;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An operator approves a failover from the Temporal Web UI: headless Chromium (driven by
 * tests/webui/approve-in-web-ui.mjs with playwright-core) finds the operation in the list filtered
 * on DrAwaitingApproval = true, opens it, sends the "approval" Signal with the approval as JSON and
 * sees it complete. The screenshots stay in target/webui-approval/. Needs the Temporal CLI, node and
 * Chromium with playwright-core (scripts/chromium.sh and scripts/playwright.sh, run by scripts/test.sh); under CI=true it must run.
 */
class WebUiApprovalTest {
  static final Path SCRIPT = Path.of("..", "tests", "webui", "approve-in-web-ui.mjs");
  static final Path SCREENSHOTS = Path.of("target", "webui-approval");

  private static TemporalDevServer server;
  private static TemporalSession session;
  private static ContinuityWorker worker;
  private static String uiUrl;

  private static void require(boolean present, String what) {
    if (!present && "true".equals(System.getenv("CI"))) throw new AssertionError("CI must run the Web UI test, but " + what);
    assumeTrue(present, what + "; Web UI test skipped");
  }

  @BeforeAll
  static void startServerWithUiAndWorker() throws Exception {
    String cli = System.getenv("TEMPORAL_CLI");
    require(cli != null, "TEMPORAL_CLI is not set (scripts/test.sh sets it)");
    String modules = System.getenv("CONTINUITY_WEBUI_MODULES");
    require(modules != null && Files.isDirectory(Path.of(modules, "playwright-core")),
        "CONTINUITY_WEBUI_MODULES does not name a node_modules with playwright-core (scripts/playwright.sh installs it)");
    require(Files.isExecutable(Path.of("/usr/bin/chromium")), "/usr/bin/chromium is missing (scripts/chromium.sh installs it)");
    require(onPath("node"), "node is not installed");
    int uiPort;
    try (ServerSocket s = new ServerSocket(0)) {
      uiPort = s.getLocalPort();
    }
    server = TemporalDevServer.start(TemporalDevServerOptions.newBuilder()
        .setExistingPath(cli).setDownloadEnabled(false).setIp("127.0.0.1")
        .setUiEnabled(true).setUiPort(uiPort).setLogLevel("error").build());
    uiUrl = "http://127.0.0.1:" + uiPort;
    session = new TemporalConnection(server.getTarget(), server.getNamespace(), null, null, null, null, null, false, uiUrl).open();
    assertTrue(SearchAttributeSetup.ensure(session.operatorService(), server.getNamespace()).complete());
    worker = new ContinuityWorker(session.client(), Workflows.IMPLEMENTATIONS, List.of(new ScriptedActions(), new TestReport()));
    worker.start();
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) return false;
    for (String dir : path.split(File.pathSeparator)) if (Files.isExecutable(Path.of(dir, tool))) return true;
    return false;
  }

  @AfterAll
  static void stop() {
    if (worker != null) worker.close();
    if (session != null) session.close();
    if (server != null) server.close();
  }

  @Test
  void anOperatorApprovesTheFailoverFromTheWebUiAndItSucceeds() throws Exception {
    Continuity c = new Continuity(Map.of("CONTINUITY_CONFIG", CliHarness.RUNBOOKS.toString()), TemporalConnection::open,
        ConfigSource.FILES).withPollInterval(Duration.ofMillis(200));
    CliHarness.Run started = CliHarness.execute(c.commandLine(), "failover", "--stamp", "ai-platform", "--severity", "Sev2",
        "--reason", "Web UI approval test", "--json", "--temporal", server.getTarget());
    assertEquals(0, started.exit(), started.toString());
    String op = started.json(OperationTicket.class).operationId();

    OperationControl control = new OperationControl(session.client());
    String gate = null;
    long deadline = System.currentTimeMillis() + 60_000;
    while (gate == null && System.currentTimeMillis() < deadline) {
      OperationStatus s = control.status(op);
      for (StepRecord step : s.timeline().steps) if (step.state == StepState.AWAITING_APPROVAL) gate = step.id;
      if (gate == null) Thread.sleep(200);
    }
    assertTrue(gate != null, "the failover waits at an approval gate");

    Files.createDirectories(SCREENSHOTS);
    ProcessBuilder pb = new ProcessBuilder("node", SCRIPT.toString())
        .redirectErrorStream(true)
        .redirectOutput(SCREENSHOTS.resolve("approve-in-web-ui.log").toFile());
    pb.environment().putAll(Map.of(
        "UI_URL", uiUrl,
        "NAMESPACE", server.getNamespace(),
        "OPERATION", op,
        "SIGNAL_JSON", "{\"step\":\"" + gate + "\",\"approve\":true,\"approver\":\"alice@contoso.com\",\"comment\":\"from the Web UI\"}",
        "SCREENSHOTS", SCREENSHOTS.toAbsolutePath().toString(),
        "NODE_MODULES", System.getenv("CONTINUITY_WEBUI_MODULES"),
        "TIMEOUT_MS", "120000"));
    Process node = pb.start();
    boolean ended = node.waitFor(4, TimeUnit.MINUTES);
    if (!ended) node.destroyForcibly();
    String log = Files.readString(SCREENSHOTS.resolve("approve-in-web-ui.log"));
    assertTrue(ended, "the browser script did not end: " + log);
    assertEquals(0, node.exitValue(), log);

    OperationStatus end = control.status(op);
    assertEquals(Outcome.SUCCEEDED, end.result().outcome(), end.toString());
    String approvedGate = gate;
    assertTrue(end.timeline().events.stream().anyMatch(e -> e.kind() == EventKind.APPROVED && approvedGate.equals(e.step())
        && "alice@contoso.com".equals(e.who())), end.timeline().events.toString());
    assertTrue(Files.size(SCREENSHOTS.resolve("3-send-signal.png")) > 10_000, "screenshot of the signal kept");
    assertTrue(Files.size(SCREENSHOTS.resolve("4-completed.png")) > 10_000, "screenshot of the completed operation kept");
  }
}
