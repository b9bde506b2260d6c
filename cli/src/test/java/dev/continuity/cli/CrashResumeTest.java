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
import dev.continuity.model.operation.StampState;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core promise on a real Temporal server: for every shipped runbook (every stamp and mode the
 * runbooks/ directory holds, so a new stamp joins the matrix by itself), a worker process killed
 * with SIGKILL at a step boundary or in the middle of a long-running Azure operation is replaced by
 * a fresh process that completes the operation; the emulator's journal holds every change exactly
 * as often as an uncrashed run's, and the estate ends the same.
 *
 * <p>Kill points run concurrently on lanes: each lane is a Temporal namespace of the one dev server
 * with its own ARM emulator and worker process, so a lane's kill touches nothing of another's. The
 * replacement worker of one kill point is the next point's worker, and a failback starts from the
 * estate the uncrashed failover left (a saved emulator state and the stamp entity's state) instead
 * of running that failover again.
 *
 * <p>By default (and under CI=true) a sample runs: per runbook, the first long-running step, or a
 * boundary in the middle of the plan when it has none. {@code CONTINUITY_FULL=1} runs the whole
 * matrix: every step boundary and every long-running step of every runbook (docs/crash-resume.md);
 * it writes a per-runbook summary to target/crash-matrix.md.
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
  private static Estate estate;
  private static Path dir;
  private static String payloadKey;
  private static final List<Lane> lanes = new ArrayList<>();
  private static final Map<Runbook, CompletableFuture<Result>> baselines = new ConcurrentHashMap<>();

  /** A shipped runbook: a stamp's plan for one mode. */
  record Runbook(String stamp, Mode mode) {
    @Override
    public String toString() {
      return stamp + " " + mode.text();
    }
  }

  /**
   * Where a worker dies: after {@code afterSteps} steps ended, while {@code inFlight}'s Azure operation
   * runs, or (inFlight {@link #REPORT}) while the DR report is written, every step done.
   */
  record KillPoint(Runbook runbook, int afterSteps, String inFlight) {
    boolean midReport() {
      return REPORT.equals(inFlight);
    }

    @Override
    public String toString() {
      return runbook + (midReport() ? " mid report" : inFlight != null ? " mid " + inFlight : " after " + afterSteps + " steps");
    }
  }

  /** The kill point after the last step: the report activity runs (its model call held, see {@link HeldReportModel}). */
  static final String REPORT = "#report";

  /**
   * What a run leaves: its journal as a sorted multiset of changes, and the estate; an uncrashed
   * failover also leaves the saved emulator state and stamp state a failback starts from.
   */
  record Result(List<String> journal, Map<String, JsonNode> estate, Path emulatorState, StampState stampState,
      Map<String, String> stepOperations) {}

  /** One kill point's run: null failure when it passed. */
  record PointRun(KillPoint point, Throwable failure, long startedAt, long endedAt) {}

  @BeforeAll
  static void start() throws Exception {
    String cli = System.getenv("TEMPORAL_CLI");
    if (cli == null && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI must run the crash tests: scripts/test.sh sets TEMPORAL_CLI");
    }
    assumeTrue(cli != null, "TEMPORAL_CLI is not set (scripts/test.sh sets it); crash tests skipped");
    dir = Files.createTempDirectory("continuity-crash");
    estate = Estate.load(EmulatedEstate.SHIPPED);
    int laneCount = lanes();
    List<String> namespaces = new ArrayList<>();
    for (int i = 1; i < laneCount; i++) namespaces.add("crash-lane-" + i);
    List<String> extra = new ArrayList<>();
    namespaces.forEach(n -> {
      extra.add("--namespace");
      extra.add(n);
    });
    server = TemporalDevServer.start(TemporalDevServerOptions.newBuilder()
        .setExistingPath(cli).setDownloadEnabled(false).setUiEnabled(false).setLogLevel("error").setExtraArgs(extra).build());
    // Production's way: payloads encrypted, the worker process taking its key from the environment.
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    payloadKey = "crash:" + java.util.Base64.getEncoder().encodeToString(key);
    namespaces.add(0, server.getNamespace());
    for (int i = 0; i < laneCount; i++) lanes.add(new Lane(i, namespaces.get(i)));
  }

  @AfterAll
  static void stop() {
    lanes.forEach(Lane::close);
    if (server != null) server.close();
  }

  private static int lanes() {
    String n = System.getenv("CONTINUITY_CRASH_LANES");
    return n == null || n.isBlank() ? 3 : Math.max(1, Integer.parseInt(n.trim()));
  }

  private static boolean full() {
    String f = System.getenv("CONTINUITY_FULL");
    return "1".equals(f) || "true".equals(f);
  }

  private static Map<String, String> workerEnv() {
    return Map.of(dev.continuity.starter.codec.PayloadKeys.KEY, payloadKey);
  }

  /** Every stamp and mode the shipped runbooks hold, in inventory order. */
  static List<Runbook> shippedRunbooks(Estate e) {
    List<Runbook> out = new ArrayList<>();
    for (Stamp s : e.inventory().stamps()) {
      for (Mode mode : List.of(Mode.FAILOVER, Mode.FAILBACK, Mode.DRILL)) {
        if (e.runbookFor(s.name(), mode) != null) out.add(new Runbook(s.name(), mode));
      }
    }
    return out;
  }

  static List<KillPoint> killPoints(Estate e, boolean full, String only) throws Exception {
    List<KillPoint> points = new ArrayList<>();
    for (Runbook r : shippedRunbooks(e)) {
      // CONTINUITY_CRASH_ONLY="web-api failback,genai drill" narrows the matrix (to re-run what failed).
      if (only != null && !only.isBlank()
          && java.util.Arrays.stream(only.split(",")).map(String::trim).noneMatch(o -> o.equals(r.toString()))) {
        continue;
      }
      Plan plan = PlanCompiler.compile(e, r.stamp(), r.mode());
      List<String> longRunning = plan.steps().stream().filter(CrashResumeTest::isLongRunning).map(PlanStep::id).toList();
      int steps = plan.steps().size();
      if (full) {
        for (int k = 1; k < steps; k++) points.add(new KillPoint(r, k, null));
        for (String s : longRunning) points.add(new KillPoint(r, 0, s));
        points.add(new KillPoint(r, 0, REPORT));
      } else if (!longRunning.isEmpty()) {
        points.add(new KillPoint(r, 0, longRunning.get(0)));
      } else {
        points.add(new KillPoint(r, steps / 2, null));
      }
    }
    // The sample also kills one report (the first runbook's): a worker lost there once held a
    // finished failover open for the report's five-minute attempt timeout.
    if (!full && !points.isEmpty()) points.add(new KillPoint(points.get(0).runbook(), 0, REPORT));
    return points;
  }

  @Test
  void theMatrixCoversEveryShippedRunbook() throws Exception {
    Estate e = Estate.load(EmulatedEstate.SHIPPED);
    List<Runbook> runbooks = shippedRunbooks(e);
    long files = e.runbooks().stream().mapToLong(r -> java.util.Arrays.stream(Mode.values()).filter(r::has).count()).sum();
    assertEquals(files, runbooks.size(), "one entry per runbook and mode: " + runbooks);
    for (Runbook r : runbooks) {
      assertTrue(killPoints(e, false, null).stream().anyMatch(p -> p.runbook().equals(r)), "the sample kills " + r);
      Plan plan = PlanCompiler.compile(e, r.stamp(), r.mode());
      long wanted = plan.steps().size() - 1 + plan.steps().stream().filter(CrashResumeTest::isLongRunning).count() + 1;
      assertEquals(wanted, killPoints(e, true, null).stream().filter(p -> p.runbook().equals(r)).count(),
          "the full matrix kills " + r + " at every boundary, in every long-running step and in the report");
    }
  }

  @TestFactory
  Stream<DynamicTest> aFreshWorkerCompletesTheOperationWithEveryChangeOnce() throws Exception {
    List<KillPoint> points = killPoints(estate, full(), System.getenv("CONTINUITY_CRASH_ONLY"));
    // CONTINUITY_CRASH_POINTS="ai-platform failover mid redis-unlink,..." re-runs single kill points.
    String only = System.getenv("CONTINUITY_CRASH_POINTS");
    if (only != null && !only.isBlank()) {
      List<String> names = java.util.Arrays.stream(only.split(",")).map(String::trim).toList();
      points = points.stream().filter(p -> names.contains(p.toString())).toList();
    }
    planned = points.size();
    long t0 = System.currentTimeMillis();
    BlockingQueue<Lane> free = new LinkedBlockingQueue<>(lanes);
    ExecutorService pool = Executors.newFixedThreadPool(lanes.size());
    try {
      // The uncrashed runs first (failovers before failbacks, which start from their end), then the kill points.
      List<Runbook> runbooks = points.stream().map(KillPoint::runbook).distinct().toList();
      List<Future<?>> warmups = new ArrayList<>();
      for (Runbook r : runbooks.stream().sorted(java.util.Comparator.comparing(r -> r.mode() == Mode.FAILBACK)).toList()) {
        warmups.add(pool.submit(() -> onLane(free, lane -> baseline(lane, r))));
      }
      Map<KillPoint, Future<PointRun>> runs = new LinkedHashMap<>();
      for (KillPoint p : points) {
        runs.put(p, pool.submit(() -> {
          long started = System.currentTimeMillis();
          try {
            for (int attempt = 1; ; attempt++) {
              try {
                onLane(free, lane -> {
                  Result expected = baseline(lane, p.runbook());
                  Result crashed = lane.run(p.runbook(), p, expected.stepOperations());
                  assertEquals(expected.journal(), crashed.journal(), "every change exactly as often as in the uncrashed run");
                  assertEquals(List.of(), differences(expected.estate(), crashed.estate()), "the estate ends as the uncrashed run left it");
                  return null;
                });
                break;
              } catch (org.opentest4j.AssertionFailedError propertyOrRun) {
                throw propertyOrRun;
              } catch (Throwable infrastructure) {
                // The machine, not the property: a worker that could not start or reach the server, a
                // client call that timed out. The kill point runs again from the start (twice at most).
                if (attempt == 3) throw infrastructure;
                infrastructureRetries.incrementAndGet();
                log.warn("{}: infrastructure failure, running it again: {}", p, infrastructure.toString());
              }
            }
            log.info("{}: passed in {} ms", p, System.currentTimeMillis() - started);
            return finished(new PointRun(p, null, started, System.currentTimeMillis()), t0);
          } catch (Throwable t) {
            log.error("{}: FAILED after {} ms: {}", p, System.currentTimeMillis() - started, t.toString());
            return finished(new PointRun(p, t, started, System.currentTimeMillis()), t0);
          }
        }));
      }
      for (Future<?> w : warmups) {
        try {
          w.get();
        } catch (ExecutionException e) {
          // The uncrashed run failed: every kill point of its runbook reports it.
        }
      }
      List<PointRun> results = new ArrayList<>();
      for (Future<PointRun> f : runs.values()) results.add(f.get());
      return results.stream().map(r -> DynamicTest.dynamicTest(r.point().toString(), () -> {
        if (r.failure() instanceof AssertionError a) throw a;
        if (r.failure() != null) throw new AssertionError(r.point() + " failed", r.failure());
      }));
    } finally {
      pool.shutdownNow();
    }
  }

  interface LaneWork<T> {
    T on(Lane lane) throws Exception;
  }

  /** Runs {@code work} on the next free lane; a failed run leaves its lane with a fresh worker. */
  private static <T> T onLane(BlockingQueue<Lane> free, LaneWork<T> work) throws Exception {
    Lane lane = free.take();
    try {
      return work.on(lane);
    } catch (Throwable t) {
      lane.freshWorker();
      throw t;
    } finally {
      free.put(lane);
    }
  }

  private static Result baseline(Lane lane, Runbook r) throws Exception {
    CompletableFuture<Result> mine = new CompletableFuture<>();
    CompletableFuture<Result> known = baselines.putIfAbsent(r, mine);
    if (known != null) {
      try {
        return known.get();
      } catch (ExecutionException e) {
        throw new AssertionError("the uncrashed " + r + " failed", e.getCause());
      }
    }
    try {
      Result result = lane.run(r, null, Map.of());
      // The journals compare as multisets: a runbook may legitimately make one change twice (a drill
      // pauses a job going over and again coming back), and a crashed run must make it just as often.
      assertTrue(!result.journal().isEmpty(), "the uncrashed " + r + " changed the estate");
      mine.complete(result);
      return result;
    } catch (Throwable t) {
      // Whoever asks next runs it again (a failure of the machine should not fail the whole runbook).
      baselines.remove(r, mine);
      mine.completeExceptionally(t);
      throw t;
    }
  }

  private static final List<PointRun> done = new ArrayList<>();
  private static int planned;
  private static final java.util.concurrent.atomic.AtomicInteger infrastructureRetries = new java.util.concurrent.atomic.AtomicInteger();

  /** Records a finished kill point and rewrites the summary, so a long matrix shows its progress. */
  private static PointRun finished(PointRun run, long t0) throws java.io.IOException {
    synchronized (done) {
      done.add(run);
      summarize(new ArrayList<>(done), System.currentTimeMillis() - t0);
    }
    return run;
  }

  /** Per runbook: kill points, passes, and the time from its first point's start to its last point's end. */
  private static void summarize(List<PointRun> results, long wallMs) throws java.io.IOException {
    Map<Runbook, List<PointRun>> byRunbook = new LinkedHashMap<>();
    results.forEach(r -> byRunbook.computeIfAbsent(r.point().runbook(), k -> new ArrayList<>()).add(r));
    StringBuilder md = new StringBuilder();
    md.append("Crash matrix (").append(full() ? "full" : "sample").append("), ").append(java.time.Instant.now())
        .append(", ").append(lanes.size()).append(" lanes, ").append(results.size()).append(" of ").append(planned).append(" kill points done in ")
        .append(wallMs / 1000).append(" s (").append(infrastructureRetries.get())
        .append(" kill points run again after an infrastructure failure)\n\n| runbook | kill points | passed | span (s) | lane time (s) |\n| --- | --- | --- | --- | --- |\n");
    byRunbook.forEach((r, runs) -> {
      long passed = runs.stream().filter(x -> x.failure() == null).count();
      long span = runs.stream().mapToLong(PointRun::endedAt).max().orElse(0) - runs.stream().mapToLong(PointRun::startedAt).min().orElse(0);
      long laneTime = runs.stream().mapToLong(x -> x.endedAt() - x.startedAt()).sum();
      md.append("| ").append(r).append(" | ").append(runs.size()).append(" | ").append(passed).append(" | ")
          .append(span / 1000).append(" | ").append(laneTime / 1000).append(" |\n");
    });
    results.stream().filter(x -> x.failure() != null)
        .forEach(x -> md.append("\nFAILED ").append(x.point()).append(": ").append(x.failure()).append('\n'));
    log.info("\n{}", md);
    Path out = Path.of("target", full() ? "crash-matrix.md" : "crash-sample.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, md.toString());
  }

  /** A namespace of the dev server with its own emulator and worker process. */
  static final class Lane implements AutoCloseable {
    final String namespace;
    final TemporalSession session;
    final OperationControl operations;
    final Path stateFile;
    ArmEmulator emulator;
    EmulatorClient control;
    WorkerProcess worker;
    final HeldReportModel model;
    private final int port;

    Lane(int index, String namespace) {
      this.namespace = namespace;
      session = new TemporalConnection(server.getTarget(), namespace, null, null, null, null, null, false, null,
          dev.continuity.starter.codec.PayloadKeys.fromEnvironment(workerEnv())).open();
      assertTrue(SearchAttributeSetup.ensure(session.operatorService(), namespace).complete());
      operations = new OperationControl(session.client());
      stateFile = dir.resolve("lane-" + index).resolve("emulator-state.json");
      emulator = ArmEmulator.start(0, stateFile, EMULATOR_TIME_SCALE, estate.inventory());
      port = emulator.port();
      control = new EmulatorClient(emulator.baseUrl());
      try {
        model = new HeldReportModel();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    /** The emulator restarted on its port from {@code saved} (null: the inventory's estate). */
    void load(Path saved) throws Exception {
      emulator.stop();
      if (saved == null) {
        Files.deleteIfExists(stateFile);
      } else {
        Files.copy(saved, stateFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      emulator = ArmEmulator.start(port, stateFile, EMULATOR_TIME_SCALE, estate.inventory());
      control = new EmulatorClient(emulator.baseUrl());
    }

    WorkerProcess worker() {
      if (worker == null) worker = startWorker();
      return worker;
    }

    void freshWorker() {
      if (worker != null) worker.close();
      worker = null;
    }

    private WorkerProcess startWorker() {
      long t0 = System.currentTimeMillis();
      Map<String, String> env = new java.util.HashMap<>(workerEnv());
      env.put(dev.continuity.activities.report.ModelEndpoint.MODELS_ENV, model.chain());
      env.put(HeldReportModel.KEY_ENV, "crash-test-key");
      WorkerProcess w = WorkerProcess.start(server.getTarget(), namespace, emulator.baseUrl(), dir, env);
      log.info("{}: worker {} polling after {} ms", namespace, w.pid(), System.currentTimeMillis() - t0);
      return w;
    }

    /** Runs one operation from its starting estate and a fresh stamp entity, killing the worker at {@code kill} (null: never). */
    Result run(Runbook r, KillPoint kill, Map<String, String> stepOperations) throws Exception {
      Stamp stamp = estate.inventory().stamp(r.stamp());
      forgetStamp(r.stamp());
      StampState carried = null;
      if (r.mode() == Mode.FAILBACK) {
        // The estate and the stamp entity as the uncrashed failover left them, the primary back up.
        Result failover = baseline(this, new Runbook(r.stamp(), Mode.FAILOVER));
        load(failover.emulatorState());
        control.restore(stamp.primaryRegion());
        StampState s = failover.stampState();
        carried = new StampState(s.stamp(), s.activeRegion(), null, null, 0, s.history(), s.sequence());
      } else {
        load(null);
      }
      long since = lastSeq();
      java.util.Set<String> earlierOperations = operationIds();
      worker();
      OperationTicket ticket;
      OperationStatus end;
      if (r.mode() == Mode.FAILBACK) {
        ticket = request(stamp, Mode.FAILBACK, Severity.Sev3, true, carried);
      } else if (r.mode() == Mode.FAILOVER) {
        control.outage(stamp.primaryRegion());
        ticket = request(stamp, Mode.FAILOVER, Severity.Sev0, false, null);
      } else {
        ticket = request(stamp, Mode.DRILL, Severity.Sev3, true, null);
      }
      if (kill != null && kill.midReport()) model.holdNext();
      try {
        end = drive(ticket, r.mode(), kill, earlierOperations, stepOperations);
      } catch (Throwable t) {
        try {
          session.client().newUntypedWorkflowStub(ticket.operationId()).terminate("crash test: the run failed");
        } catch (RuntimeException ended) {
          // already ended
        }
        throw t;
      }
      if (kill == null) assertMeasured(r);
      Result result = new Result(journalSince(since), EmulatedEstate.estateSnapshot(control), null, null,
          kill == null ? stepOperations(r, end, earlierOperations) : Map.of());
      if (kill == null && r.mode() == Mode.FAILOVER) {
        Path saved = dir.resolve("after-" + r.stamp() + "-failover.json");
        Files.copy(stateFile, saved, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        StampState after = operations.stampState(r.stamp()).orElseThrow();
        result = new Result(result.journal(), result.estate(), saved, after, result.stepOperations());
      }
      return result;
    }

    /**
     * The production worker process measured what it ran: its /metrics counts the operation (within a
     * report interval). The worker carries on across runs of its lane, so the count is at least one.
     */
    private void assertMeasured(Runbook r) throws Exception {
      String[] series = {"stamp", r.stamp(), "kind", r.mode().text(), "outcome", "succeeded"};
      long deadline = System.currentTimeMillis() + 10_000;
      Scrape s = Scrape.get(worker.metricsUrl());
      while (!s.has("continuity_operations_total", series) && System.currentTimeMillis() < deadline) {
        Thread.sleep(200);
        s = Scrape.get(worker.metricsUrl());
      }
      assertTrue(s.sum("continuity_operations_total", series) >= 1, "the worker counted " + r + ": " + s.names());
      assertTrue(s.has("temporal_worker_task_slots_available"), "the SDK's metrics too: " + s.names());
    }

    /** SIGKILL of the lane's worker at the kill point, and a fresh worker process in its place. */
    private void replaceWorker(String op, KillPoint kill) {
      worker.kill();
      log.info("{}: worker killed at {}", op, kill);
      worker = startWorker();
    }

    /** Follows the operation to its end, approving every gate, killing and replacing the worker once at the kill point. */
    private OperationStatus drive(OperationTicket ticket, Mode mode, KillPoint kill, java.util.Set<String> earlier,
        Map<String, String> stepOperations) throws Exception {
      String op = ticket.operationId();
      Plan plan = PlanCompiler.compile(estate, ticket.stamp(), mode);
      boolean killed = kill == null;
      boolean midReport = kill != null && kill.midReport();
      boolean midStep = kill != null && kill.inFlight() != null && !midReport;
      long nextQuery = 0;
      long deadline = System.currentTimeMillis() + RUN_TIMEOUT_MS;
      while (System.currentTimeMillis() < deadline) {
        if (!killed && midReport && model.holding()) {
          // Every step ended and the report activity waits on its model: the worker dies mid-report.
          replaceWorker(op, kill);
          model.release();
          killed = true;
          continue;
        }
        if (!killed && midStep && accepted(kill, plan, earlier, stepOperations)) {
          replaceWorker(op, kill);
          killed = true;
          continue;
        }
        if (!killed && midStep && System.currentTimeMillis() < nextQuery) {
          Thread.sleep(20);
          continue;
        }
        // Waiting for an Azure operation to start, the emulator is watched closely and the timeline (for gates) now and then.
        nextQuery = System.currentTimeMillis() + 300;
        OperationStatus s;
        try {
          s = operations.status(op);
        } catch (RuntimeException noAnswerYet) {
          // A query needs a worker: right after the kill it waits for the replacement, and may time out.
          Thread.sleep(200);
          continue;
        }
        if (!s.running()) {
          assertTrue(killed, "the kill point " + kill + " was never reached: " + s.timeline().steps);
          assertTrue(s.result() != null && s.result().outcome() == Outcome.SUCCEEDED,
              op + " ended " + s.execution() + " " + (s.result() == null ? s.failure() : s.result().summary()));
          if (midReport) {
            assertTrue(s.result().reportLocation() != null, op + ": the replacement worker wrote the report: " + s.result().timeline().events);
          }
          return s;
        }
        List<StepRecord> steps = s.timeline() == null ? List.of() : s.timeline().steps;
        if (!killed && !midStep && !midReport && steps.stream().filter(r -> r.state == StepState.SUCCEEDED || r.state == StepState.SKIPPED).count()
            >= kill.afterSteps()) {
          replaceWorker(op, kill);
          killed = true;
          continue;
        }
        for (StepRecord step : steps) {
          if (step.state == StepState.AWAITING_APPROVAL) {
            PlanStep p = plan.step(step.id);
            operations.approve(op, new ApprovalRequest(step.id, true, p.approval().allowed().get(0), "crash test"));
          }
          if (step.state == StepState.AWAITING_DECISION) {
            fail("step " + step.id + " of " + op + " failed: " + step.error + "\nworker:\n" + worker.output());
          }
        }
        Thread.sleep(killed ? 200 : 15);
      }
      fail(op + " did not end within " + RUN_TIMEOUT_MS + " ms; worker:\n" + worker.output());
      return null;
    }

    /**
     * Which Azure operation type each long-running step of an uncrashed run started: the operation on
     * the step's resource that the emulator started while the step ran. A kill point in the middle of
     * the step then waits for an operation of that type (not whatever an earlier step on the same
     * resource started, e.g. a synchronous change the catalog also calls long-running).
     */
    private Map<String, String> stepOperations(Runbook r, OperationStatus end, java.util.Set<String> earlier) throws Exception {
      Plan plan = PlanCompiler.compile(estate, r.stamp(), r.mode());
      Map<String, String> types = new java.util.HashMap<>();
      if (end == null || end.timeline() == null) return types;
      for (JsonNode o : control.state().path("operations")) {
        if (earlier.contains(o.path("id").asText())) continue;
        long at = java.time.Instant.parse(o.path("startTime").asText()).toEpochMilli();
        for (StepRecord rec : end.timeline().steps) {
          PlanStep p = plan.step(rec.id);
          if (p == null || !isLongRunning(p) || !onTarget(o, p)) continue;
          if (at >= rec.startedAtMillis - 50 && (rec.endedAtMillis == 0 || at <= rec.endedAtMillis + 50)) {
            types.putIfAbsent(rec.id, o.path("type").asText());
          }
        }
      }
      return types;
    }

    /**
     * Whether Azure (the emulator) has accepted the Azure operation of the kill point's step: the
     * n-th operation on the step's resource since the run began, n counting the plan's earlier
     * long-running steps on it (a drill moves the same resource going over and coming back). The
     * step's activity then polls that operation (every second, as ARM's Retry-After says) until it
     * completes: a kill now lands in the middle of the step, whether Azure's part is still running
     * or done but not yet seen.
     */
    private boolean accepted(KillPoint kill, Plan plan, java.util.Set<String> earlier, Map<String, String> stepOperations) {
      PlanStep planned = plan.step(kill.inFlight());
      String type = stepOperations.get(planned.id());
      long before = 0;
      for (PlanStep p : plan.steps()) {
        if (p.id().equals(planned.id())) break;
        if (isLongRunning(p) && sameTarget(p, planned) && (type == null || type.equals(stepOperations.get(p.id())))) before++;
      }
      List<JsonNode> ops = new ArrayList<>();
      for (JsonNode o : control.state().path("operations")) {
        if (!earlier.contains(o.path("id").asText()) && onTarget(o, planned)
            && (type == null || type.equals(o.path("type").asText()))) {
          ops.add(o);
        }
      }
      if (ops.size() <= before) return false;
      // The emulator keeps its operations in the order they started.
      JsonNode o = ops.get((int) before);
      log.info("in flight at the kill: {} on {} ({})", o.path("type").asText(), o.path("resourceId").asText(), o.path("status").asText());
      return true;
    }

    private static boolean sameTarget(PlanStep a, PlanStep b) {
      return a.target() != null && b.target() != null && a.target().id().equalsIgnoreCase(b.target().id())
          && java.util.Objects.equals(origin(a), origin(b));
    }

    /** Parallel steps on one Front Door profile each move their own origin. */
    private static String origin(PlanStep s) {
      Object origin = s.params() == null ? null : s.params().get("origin");
      return origin == null ? null : String.valueOf(origin).toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean onTarget(JsonNode o, PlanStep step) {
      String resource = o.path("resourceId").asText().toLowerCase(java.util.Locale.ROOT);
      String origin = origin(step);
      if (resource.startsWith(step.target().id().toLowerCase(java.util.Locale.ROOT))) {
        return origin == null || resource.endsWith("/origins/" + origin);
      }
      // A geo-replication link is removed from the replica's side, whose region answers.
      Object linked = step.target().properties() == null ? null : step.target().properties().get("linkedServer");
      return linked != null && resource.endsWith("/" + String.valueOf(linked).toLowerCase(java.util.Locale.ROOT));
    }

    private java.util.Set<String> operationIds() {
      java.util.Set<String> ids = new java.util.HashSet<>();
      control.state().path("operations").forEach(o -> ids.add(o.path("id").asText()));
      return ids;
    }

    private OperationTicket request(Stamp s, Mode mode, Severity severity, boolean planned, StampState carried) throws Exception {
      Plan plan = compressTimeouts(PlanCompiler.compile(estate, s.name(), mode));
      long now = System.currentTimeMillis();
      OperationRequest request = new OperationRequest(plan, severity, planned, "crash test " + mode.text(), "crash-test",
          "crash-" + mode.text() + "-" + now, now);
      StartOutcome outcome = new OperationStarter(session.client())
          .request(new StampSettings(s.name(), s.primaryRegion(), s.secondaryRegion(), Duration.ZERO, carried), request);
      if (outcome instanceof StartOutcome.Refused r) fail("refused: " + r.reason());
      return ((StartOutcome.Accepted) outcome).ticket();
    }

    /** Ends the stamp entity of an earlier run, so the next run starts from the stamp state it is given. */
    private void forgetStamp(String stamp) {
      var stub = session.client().newUntypedWorkflowStub(ContinuityNames.stampWorkflowId(stamp));
      try {
        if (stub.describe().getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
          stub.terminate("crash test: next run");
        }
      } catch (io.temporal.client.WorkflowNotFoundException e) {
        // no earlier run of this stamp
      }
    }

    private long lastSeq() {
      long max = 0;
      for (JsonNode e : control.journal().path("entries")) max = Math.max(max, e.path("seq").asLong());
      return max;
    }

    private List<String> journalSince(long since) {
      List<String> changes = new ArrayList<>();
      for (JsonNode e : control.journal().path("entries")) {
        if (e.path("seq").asLong() > since) {
          changes.add(e.path("operation").asText() + " " + e.path("resourceId").asText() + " -> " + EmulatedEstate.canonical(e.path("after").asText()));
        }
      }
      changes.sort(null);
      return changes;
    }

    @Override
    public void close() {
      freshWorker();
      session.close();
      emulator.stop();
      model.close();
    }
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

  private static List<String> differences(Map<String, JsonNode> expected, Map<String, JsonNode> actual) {
    return EmulatedEstate.differences(expected, actual, "uncrashed", "crashed  ");
  }
}
