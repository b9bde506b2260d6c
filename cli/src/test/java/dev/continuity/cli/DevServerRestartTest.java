package dev.continuity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.continuity.activities.ActivitiesConfig;
import dev.continuity.emulator.ArmEmulator;
import dev.continuity.emulator.EmulatorClient;
import dev.continuity.model.config.Estate;
import dev.continuity.model.config.PlanCompiler;
import dev.continuity.model.estate.Severity;
import dev.continuity.model.estate.Stamp;
import dev.continuity.model.operation.ApprovalRequest;
import dev.continuity.model.operation.OperationRequest;
import dev.continuity.model.operation.OperationTicket;
import dev.continuity.model.operation.Outcome;
import dev.continuity.model.operation.StampSettings;
import dev.continuity.model.plan.Mode;
import dev.continuity.model.plan.Plan;
import dev.continuity.model.timeline.StepRecord;
import dev.continuity.model.timeline.StepState;
import dev.continuity.starter.OperationControl;
import dev.continuity.starter.OperationStarter;
import dev.continuity.starter.OperationStatus;
import dev.continuity.starter.SearchAttributeSetup;
import dev.continuity.starter.StartOutcome;
import dev.continuity.starter.TemporalConnection;
import dev.continuity.starter.TemporalSession;
import dev.continuity.worker.ContinuityWorker;
import dev.continuity.worker.ProductionActivities;
import dev.continuity.workflows.Workflows;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Temporal server itself dies mid-failover (SIGKILL) and comes back on the same SQLite
 * database and port: the worker reconnects, the failover resumes where the database left it and
 * completes, each change to Azure made once.
 */
class DevServerRestartTest {
  private static final double EMULATOR_TIME_SCALE = 0.002;

  @Test
  void aFailoverSurvivesTheServerBeingKilledAndRestartedOnItsDatabase(@TempDir Path dir) throws Exception {
    String cli = System.getenv("TEMPORAL_CLI");
    if (cli == null && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI must run the real-server tests: scripts/test.sh sets TEMPORAL_CLI");
    }
    assumeTrue(cli != null, "TEMPORAL_CLI is not set (scripts/test.sh sets it); real-server tests skipped");
    Estate estate = Estate.load(EmulatedEstate.SHIPPED);
    Stamp stamp = estate.inventory().stamp("ai-platform");
    int port = freePort();
    String target = "127.0.0.1:" + port;
    Path db = dir.resolve("temporal.db");
    try (ArmEmulator emulator = ArmEmulator.start(0, null, EMULATOR_TIME_SCALE, estate.inventory())) {
      EmulatorClient control = new EmulatorClient(emulator.baseUrl());
      Process server = startServer(cli, port, db, dir.resolve("server-1.log"));
      ContinuityWorker worker = null;
      TemporalSession session = null;
      try {
        session = connect(target);
        assertTrue(SearchAttributeSetup.ensure(session.operatorService(), "default").complete());
        worker = new ContinuityWorker(session.client(), Workflows.IMPLEMENTATIONS,
            ProductionActivities.create(ActivitiesConfig.emulator(URI.create(emulator.baseUrl()), 0), dir.resolve("reports")));
        worker.start();
        OperationControl operations = new OperationControl(session.client());

        control.outage(stamp.primaryRegion());
        Plan plan = CrashResumeTest.compressTimeouts(PlanCompiler.compile(estate, stamp.name(), Mode.FAILOVER));
        long now = System.currentTimeMillis();
        StartOutcome started = new OperationStarter(session.client()).request(
            new StampSettings(stamp.name(), stamp.primaryRegion(), stamp.secondaryRegion(), Duration.ZERO, null),
            new OperationRequest(plan, Severity.Sev0, false, "server crash test", "test", "server-crash-" + now, now));
        if (started instanceof StartOutcome.Refused r) fail("refused: " + r.reason());
        OperationTicket ticket = ((StartOutcome.Accepted) started).ticket();
        String op = ticket.operationId();

        // Mid-failover: some steps done, others still to come.
        int total = plan.steps().size();
        boolean killed = false;
        OperationStatus end = null;
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
          OperationStatus s;
          try {
            s = operations.status(op);
          } catch (RuntimeException serverAway) {
            Thread.sleep(300);
            continue;
          }
          if (!s.running()) {
            end = s;
            break;
          }
          long done = s.timeline().steps.stream().filter(r -> r.state == StepState.SUCCEEDED).count();
          if (!killed && done >= total / 2) {
            assertTrue(done < total, "killed before the failover ended");
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            Thread.sleep(1000);
            server = startServer(cli, port, db, dir.resolve("server-2.log"));
            killed = true;
            continue;
          }
          for (StepRecord step : s.timeline().steps) {
            if (step.state == StepState.AWAITING_APPROVAL) {
              operations.approve(op, new ApprovalRequest(step.id, true, plan.step(step.id).approval().allowed().get(0), "test"));
            }
            if (step.state == StepState.AWAITING_DECISION) fail("step " + step.id + " failed: " + step.error);
          }
          Thread.sleep(killed ? 300 : 20);
        }
        assertTrue(killed, "the server was killed mid-failover");
        assertTrue(end != null, op + " did not end within 3 minutes of the restart");
        assertEquals(Outcome.SUCCEEDED, end.result().outcome(), end.result().summary());
        assertEquals(stamp.secondaryRegion(), end.result().activeRegion());

        // Each change once: no (operation, resource, new state) twice in the journal.
        Set<String> seen = new HashSet<>();
        List<String> repeated = new ArrayList<>();
        for (JsonNode e : control.journal().path("entries")) {
          String key = e.path("operation").asText() + " " + e.path("resourceId").asText() + " -> " + e.path("after").asText();
          if (!seen.add(key)) repeated.add(key);
        }
        assertEquals(List.of(), repeated, "changes applied twice");
        assertTrue(seen.size() >= 5, "the failover changed the estate: " + seen);
      } finally {
        if (worker != null) worker.close();
        if (session != null) session.close();
        server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  /** The Temporal CLI's dev server as a process the test can SIGKILL, persisting to {@code db}. */
  private static Process startServer(String cli, int port, Path db, Path log) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(cli, "server", "start-dev", "--headless", "--ip", "127.0.0.1",
        "--port", String.valueOf(port), "--http-port", String.valueOf(freePort()), "--metrics-port", String.valueOf(freePort()),
        "--db-filename", db.toString(), "--log-level", "error"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      if (!p.isAlive()) throw new AssertionError("dev server exited: " + Files.readString(log));
      try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
        return p;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    p.destroyForcibly();
    throw new AssertionError("dev server not listening within a minute: " + Files.readString(log));
  }

  private static TemporalSession connect(String target) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (true) {
      try {
        return new TemporalConnection(target, "default", null, null, null, null, null, false, null).open();
      } catch (RuntimeException e) {
        if (System.currentTimeMillis() > deadline) throw e;
        Thread.sleep(200);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
