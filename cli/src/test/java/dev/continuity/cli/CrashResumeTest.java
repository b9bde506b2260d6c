package dev.continuity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.continuity.emulator.ArmEmulator;
import dev.continuity.emulator.EmulatorClient;
import dev.continuity.model.actions.ActionCatalog;
import dev.continuity.model.actions.ActionSpec;
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
import dev.continuity.model.plan.PlanStep;
import dev.continuity.model.timeline.StepRecord;
import dev.continuity.model.timeline.StepState;
import dev.continuity.starter.OperationControl;
import dev.continuity.starter.OperationStarter;
import dev.continuity.starter.OperationStatus;
import dev.continuity.starter.SearchAttributeSetup;
import dev.continuity.starter.StartOutcome;
import dev.continuity.starter.TemporalConnection;
import dev.continuity.starter.TemporalSession;
import dev.continuity.workflows.ContinuityNames;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.testing.TemporalDevServer;
import io.temporal.testing.TemporalDevServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core promise on a real Temporal server: for every shipped runbook, a worker process killed
 * with SIGKILL at a step boundary or in the middle of a long-running Azure operation is replaced by
 * a fresh process that completes the operation; the emulator's journal holds every change exactly
 * as often as an uncrashed run's, and the estate ends the same.
 *
 * <p>Under CI=true a fixed sample of kill points runs (two per runbook); {@code CONTINUITY_FULL=1}
 * runs the whole matrix: every step boundary and every long-running step of every runbook, drills
 * included (see docs/crash-resume.md).
 */
class CrashResumeTest {
  private static final Logger log = LoggerFactory.getLogger(CrashResumeTest.class);
  /** Azure's operation durations scaled so that the long ones (storage failover, 15 min) take about two seconds. */
  private static final double EMULATOR_TIME_SCALE = 0.002;
  /**
   * One attempt's timeout in the crash runs. A killed worker's attempt is only retried once Temporal
   * declares it lost (its heartbeat or start-to-close timeout), so the runbooks' minutes become seconds
   * here, as the emulator's time scale makes Azure's minutes seconds.
   */
  private static final Duration SHORT_STEP_TIMEOUT = Duration.ofSeconds(6);
  private static final Duration LONG_STEP_TIMEOUT = Duration.ofSeconds(10);
  private static final long RUN_TIMEOUT_MS = 240_000;

  private static TemporalDevServer server;
  private static TemporalSession session;
  private static ArmEmulator emulator;
  private static EmulatorClient control;
  private static Estate estate;
  private static OperationControl operations;
  private static Path dir;
  private static String payloadKey;
  private static final Map<String, Result> baselines = new HashMap<>();

  /** Where a worker dies: after {@code afterSteps} steps ended, or while {@code inFlight}'s Azure operation runs. */
  record KillPoint(String stamp, Mode mode, int afterSteps, String inFlight) {
    @Override
    public String toString() {
      return stamp + " " + mode.text() + (inFlight != null ? " mid " + inFlight : " after " + afterSteps + " steps");
    }
  }

  /** What a run leaves: its journal as a sorted multiset of changes, and the estate. */
  record Result(List<String> journal, Map<String, JsonNode> estate) {}

  @BeforeAll
  static void start() throws Exception {
    String cli = System.getenv("TEMPORAL_CLI");
    if (cli == null && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI must run the crash tests: scripts/test.sh sets TEMPORAL_CLI");
    }
    assumeTrue(cli != null, "TEMPORAL_CLI is not set (scripts/test.sh sets it); crash tests skipped");
    dir = Files.createTempDirectory("continuity-crash");
    estate = Estate.load(EmulatedEstate.SHIPPED);
    emulator = ArmEmulator.start(0, null, EMULATOR_TIME_SCALE, estate.inventory());
    control = new EmulatorClient(emulator.baseUrl());
    server = TemporalDevServer.start(TemporalDevServerOptions.newBuilder()
        .setExistingPath(cli).setDownloadEnabled(false).setUiEnabled(false).setLogLevel("error").build());
    // Production's way: payloads encrypted, the worker process taking its key from the environment.
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    payloadKey = "crash:" + java.util.Base64.getEncoder().encodeToString(key);
    session = new TemporalConnection(server.getTarget(), server.getNamespace(), null, null, null, null, null, false, null,
        dev.continuity.starter.codec.PayloadKeys.fromEnvironment(Map.of(dev.continuity.starter.codec.PayloadKeys.KEY, payloadKey)))
        .open();
    assertTrue(SearchAttributeSetup.ensure(session.operatorService(), server.getNamespace()).complete());
    operations = new OperationControl(session.client());
  }

  @AfterAll
  static void stop() {
    if (session != null) session.close();
    if (server != null) server.close();
    if (emulator != null) emulator.stop();
  }

  static Stream<KillPoint> killPoints() throws Exception {
    Estate e = Estate.load(EmulatedEstate.SHIPPED);
    boolean full = "1".equals(System.getenv("CONTINUITY_FULL")) || "true".equals(System.getenv("CONTINUITY_FULL"));
    // CONTINUITY_CRASH_ONLY="web-api failback" narrows the matrix to one runbook (to re-run what failed).
    String only = System.getenv("CONTINUITY_CRASH_ONLY");
    List<KillPoint> points = new ArrayList<>();
    for (String stamp : List.of("ai-platform", "web-api")) {
      for (Mode mode : full ? List.of(Mode.FAILOVER, Mode.FAILBACK, Mode.DRILL) : List.of(Mode.FAILOVER, Mode.FAILBACK)) {
        if (only != null && !only.isBlank() && !only.trim().equals(stamp + " " + mode.text())) continue;
        Plan plan = PlanCompiler.compile(e, stamp, mode);
        List<String> longRunning = plan.steps().stream().filter(s -> isLongRunning(s)).map(PlanStep::id).toList();
        int steps = plan.steps().size();
        if (full) {
          for (int k = 1; k < steps; k++) points.add(new KillPoint(stamp, mode, k, null));
          for (String s : longRunning) points.add(new KillPoint(stamp, mode, 0, s));
        } else {
          // The sample: a boundary in the middle of the plan, and the first long-running step.
          points.add(new KillPoint(stamp, mode, steps / 2, null));
          if (!longRunning.isEmpty()) points.add(new KillPoint(stamp, mode, 0, longRunning.get(0)));
        }
      }
    }
    return points.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("killPoints")
  void aFreshWorkerCompletesTheOperationWithEveryChangeOnce(KillPoint kill) throws Exception {
    Result expected = baseline(kill.stamp(), kill.mode());
    long t0 = System.currentTimeMillis();
    Result crashed = run(kill.stamp(), kill.mode(), kill);
    log.info("{}: crash run took {} ms", kill, System.currentTimeMillis() - t0);
    assertEquals(expected.journal(), crashed.journal(), "every change exactly as often as in the uncrashed run");
    assertEquals(List.of(), differences(expected.estate(), crashed.estate()), "the estate ends as the uncrashed run left it");
  }

  private static synchronized Result baseline(String stamp, Mode mode) throws Exception {
    String key = stamp + "/" + mode;
    Result r = baselines.get(key);
    if (r == null) {
      r = run(stamp, mode, null);
      // A journal that repeats a change would make the comparison meaningless: the uncrashed run has none.
      assertEquals(r.journal().size(), new java.util.HashSet<>(r.journal()).size(), "uncrashed run changes each thing once: " + r.journal());
      assertTrue(!r.journal().isEmpty(), "the uncrashed " + key + " changed the estate");
      baselines.put(key, r);
    }
    return r;
  }

  /** Runs one operation from a fresh estate and a fresh stamp entity, killing the worker at {@code kill} (null: never). */
  private static Result run(String stampName, Mode mode, KillPoint kill) throws Exception {
    Stamp stamp = estate.inventory().stamp(stampName);
    forgetStamp(stampName);
    control.reset();
    control.timeScale(EMULATOR_TIME_SCALE);
    WorkerProcess[] worker = {startWorker()};
    try {
      long since = 0;
      OperationTicket ticket;
      if (mode == Mode.FAILBACK) {
        control.outage(stamp.primaryRegion());
        drive(request(stamp, Mode.FAILOVER, Severity.Sev0, false), Mode.FAILOVER, null, worker);
        control.restore(stamp.primaryRegion());
        since = lastSeq();
        ticket = request(stamp, Mode.FAILBACK, Severity.Sev3, true);
      } else if (mode == Mode.FAILOVER) {
        control.outage(stamp.primaryRegion());
        ticket = request(stamp, Mode.FAILOVER, Severity.Sev0, false);
      } else {
        ticket = request(stamp, Mode.DRILL, Severity.Sev3, true);
      }
      drive(ticket, mode, kill, worker);
      if (kill == null) assertMeasured(worker[0], stampName, mode);
      return new Result(journalSince(since), EmulatedEstate.estateSnapshot(control));
    } finally {
      worker[0].close();
    }
  }

  /** The production worker process measured what it ran: its /metrics counts the operation (within a report interval). */
  private static void assertMeasured(WorkerProcess worker, String stamp, Mode mode) throws Exception {
    String[] series = {"stamp", stamp, "kind", mode.text(), "outcome", "succeeded"};
    long deadline = System.currentTimeMillis() + 10_000;
    Scrape s = Scrape.get(worker.metricsUrl());
    while (!s.has("continuity_operations_total", series) && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
      s = Scrape.get(worker.metricsUrl());
    }
    assertEquals(1, s.sum("continuity_operations_total", series));
    assertTrue(s.has("temporal_worker_task_slots_available"), "the SDK's metrics too: " + s.names());
  }

  private static WorkerProcess startWorker() {
    long t0 = System.currentTimeMillis();
    WorkerProcess w = WorkerProcess.start(server.getTarget(), emulator.baseUrl(), dir,
        Map.of(dev.continuity.starter.codec.PayloadKeys.KEY, payloadKey));
    log.info("worker {} polling after {} ms", w.pid(), System.currentTimeMillis() - t0);
    return w;
  }

  /** Follows the operation to its end, approving every gate, killing and replacing the worker once at the kill point. */
  private static void drive(OperationTicket ticket, Mode mode, KillPoint kill, WorkerProcess[] worker) throws Exception {
    String op = ticket.operationId();
    Plan plan = PlanCompiler.compile(estate, ticket.stamp(), mode);
    boolean killed = kill == null || kill.mode() != mode;
    long deadline = System.currentTimeMillis() + RUN_TIMEOUT_MS;
    while (System.currentTimeMillis() < deadline) {
      OperationStatus s = operations.status(op);
      if (!s.running()) {
        assertTrue(killed, "the kill point " + kill + " was never reached: " + s.timeline().steps);
        assertTrue(s.result() != null && s.result().outcome() == Outcome.SUCCEEDED,
            op + " ended " + s.execution() + " " + (s.result() == null ? s.failure() : s.result().summary()));
        return;
      }
      List<StepRecord> steps = s.timeline() == null ? List.of() : s.timeline().steps;
      if (!killed && reached(kill, plan, steps)) {
        worker[0].kill();
        log.info("{}: worker killed at {}", op, kill);
        killed = true;
        worker[0] = startWorker();
        continue;
      }
      for (StepRecord step : steps) {
        if (step.state == StepState.AWAITING_APPROVAL) {
          PlanStep p = plan.step(step.id);
          operations.approve(op, new ApprovalRequest(step.id, true, p.approval().allowed().get(0), "crash test"));
        }
        if (step.state == StepState.AWAITING_DECISION) {
          fail("step " + step.id + " of " + op + " failed: " + step.error + "\nworker:\n" + worker[0].output());
        }
      }
      Thread.sleep(killed ? 200 : 15);
    }
    fail(op + " did not end within " + RUN_TIMEOUT_MS + " ms; worker:\n" + worker[0].output());
  }

  private static boolean reached(KillPoint kill, Plan plan, List<StepRecord> steps) {
    if (kill.inFlight() == null) {
      return steps.stream().filter(r -> r.state == StepState.SUCCEEDED || r.state == StepState.SKIPPED).count() >= kill.afterSteps();
    }
    StepRecord step = steps.stream().filter(r -> r.id.equals(kill.inFlight())).findFirst().orElse(null);
    if (step == null || step.state != StepState.RUNNING) return false;
    // Azure has accepted the step's own operation and not finished it: the worker dies mid-operation.
    PlanStep planned = plan.step(step.id);
    String target = planned.target().id().toLowerCase(java.util.Locale.ROOT);
    // Parallel steps on one Front Door profile each move their own origin.
    Object origin = planned.params() == null ? null : planned.params().get("origin");
    for (JsonNode o : control.state().path("operations")) {
      String resource = o.path("resourceId").asText().toLowerCase(java.util.Locale.ROOT);
      if ("InProgress".equals(o.path("status").asText()) && resource.startsWith(target)
          && (origin == null || resource.endsWith("/origins/" + String.valueOf(origin).toLowerCase(java.util.Locale.ROOT)))) {
        log.info("in flight at the kill: {} on {}", o.path("type").asText(), o.path("resourceId").asText());
        return true;
      }
    }
    return false;
  }

  private static OperationTicket request(Stamp s, Mode mode, Severity severity, boolean planned) throws Exception {
    Plan plan = compressTimeouts(PlanCompiler.compile(estate, s.name(), mode));
    long now = System.currentTimeMillis();
    OperationRequest request = new OperationRequest(plan, severity, planned, "crash test " + mode.text(), "crash-test",
        "crash-" + mode.text() + "-" + now, now);
    StartOutcome outcome = new OperationStarter(session.client())
        .request(new StampSettings(s.name(), s.primaryRegion(), s.secondaryRegion(), Duration.ZERO, null), request);
    if (outcome instanceof StartOutcome.Refused r) fail("refused: " + r.reason());
    return ((StartOutcome.Accepted) outcome).ticket();
  }

  /** The shipped plan with attempt timeouts in seconds (see {@link #SHORT_STEP_TIMEOUT}). */
  static Plan compressTimeouts(Plan p) {
    List<PlanStep> steps = p.steps().stream().map(s -> s.action() == null ? s : new PlanStep(s.id(), s.phase(),
        s.description(), s.action(), s.target(), s.params(), s.dependsOn(), s.retry(),
        isLongRunning(s) ? LONG_STEP_TIMEOUT : SHORT_STEP_TIMEOUT, s.approval(), s.expected())).toList();
    return new Plan(p.stamp(), p.mode(), p.runbook(), p.fromRegion(), p.toRegion(), p.targets(), p.severityPolicy(),
        p.knownApprovers(), steps, p.levels(), p.criticalPath(), p.estimated(), p.source());
  }

  private static boolean isLongRunning(PlanStep s) {
    ActionSpec spec = s.action() == null ? null : ActionCatalog.find(s.action());
    return spec != null && spec.longRunning();
  }

  /** Ends the stamp entity of an earlier run, so the next run starts from a stamp active in its primary. */
  private static void forgetStamp(String stamp) {
    var stub = session.client().newUntypedWorkflowStub(ContinuityNames.stampWorkflowId(stamp));
    try {
      if (stub.describe().getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        stub.terminate("crash test: next run");
      }
    } catch (io.temporal.client.WorkflowNotFoundException e) {
      // no earlier run of this stamp
    }
  }

  private static long lastSeq() {
    long max = 0;
    for (JsonNode e : control.journal().path("entries")) max = Math.max(max, e.path("seq").asLong());
    return max;
  }

  private static List<String> journalSince(long since) {
    List<String> changes = new ArrayList<>();
    for (JsonNode e : control.journal().path("entries")) {
      if (e.path("seq").asLong() > since) {
        changes.add(e.path("operation").asText() + " " + e.path("resourceId").asText() + " -> " + e.path("after").asText());
      }
    }
    changes.sort(null);
    return changes;
  }

  private static List<String> differences(Map<String, JsonNode> expected, Map<String, JsonNode> actual) {
    List<String> diffs = new ArrayList<>();
    java.util.Set<String> keys = new java.util.TreeSet<>(expected.keySet());
    keys.addAll(actual.keySet());
    for (String k : keys) {
      if (!java.util.Objects.equals(expected.get(k), actual.get(k))) {
        diffs.add(k + "\n  uncrashed: " + expected.get(k) + "\n  crashed:   " + actual.get(k));
      }
    }
    return diffs;
  }
}
