package dev.continuity.cli.bench;

import dev.continuity.activities.ActivitiesConfig;
import dev.continuity.emulator.ArmEmulator;
import dev.continuity.emulator.EmulatorClient;
import dev.continuity.model.config.Estate;
import dev.continuity.model.config.PlanCompiler;
import dev.continuity.model.estate.Severity;
import dev.continuity.model.operation.OperationInput;
import dev.continuity.model.operation.OperationRequest;
import dev.continuity.model.operation.OperationResult;
import dev.continuity.model.operation.Outcome;
import dev.continuity.model.plan.Mode;
import dev.continuity.model.plan.Plan;
import dev.continuity.model.plan.PlanStep;
import dev.continuity.model.timeline.StepRecord;
import dev.continuity.model.timeline.Timeline;
import dev.continuity.starter.DetectedOutageStarter;
import dev.continuity.starter.LiveEstate;
import dev.continuity.starter.OperationControl;
import dev.continuity.starter.ProbeLoops;
import dev.continuity.starter.SearchAttributeSetup;
import dev.continuity.starter.TemporalConnection;
import dev.continuity.starter.TemporalSession;
import dev.continuity.worker.ContinuityWorker;
import dev.continuity.worker.ProductionActivities;
import dev.continuity.workflows.ContinuityNames;
import dev.continuity.workflows.DrillWorkflow;
import dev.continuity.workflows.FailoverWorkflow;
import dev.continuity.workflows.ProbeLoopInput;
import dev.continuity.workflows.Workflows;
import com.google.protobuf.util.Timestamps;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TemporalDevServer;
import io.temporal.testing.TemporalDevServerOptions;
import io.temporal.worker.WorkerFactory;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the orchestration against a real Temporal dev server and the ARM emulator, with the
 * production activities in this JVM. A harness, not a test: it reports figures and asserts
 * nothing about them. Each figure says how it was measured (see docs/benchmarks.md).
 */
public final class Benchmark implements AutoCloseable {
  /** What to run: the chain length and the number of concurrent drills. */
  public record Settings(int chainSteps, int concurrentDrills, double emulatorTimeScale) {}

  private final Settings settings;
  private final Estate estate;
  private final TemporalDevServer server;
  private final TemporalSession session;
  private final ArmEmulator emulator;
  private final EmulatorClient control;
  private final Path reports;
  private WorkerFactory worker;
  private int sequence;

  public Benchmark(String temporalCli, Path config, Settings settings) throws Exception {
    this.settings = settings;
    this.estate = Estate.load(config);
    this.server = TemporalDevServer.start(TemporalDevServerOptions.newBuilder()
        .setExistingPath(temporalCli).setDownloadEnabled(false).setUiEnabled(false).setLogLevel("error").build());
    this.session = new TemporalConnection(server.getTarget(), server.getNamespace(), null, null, null, null, null, false, null).open();
    SearchAttributeSetup.ensure(session.operatorService(), server.getNamespace());
    this.emulator = ArmEmulator.start(0, null, settings.emulatorTimeScale(), estate.inventory());
    this.control = new EmulatorClient(emulator.baseUrl());
    this.reports = Files.createTempDirectory("continuity-bench-reports");
    startWorker();
  }

  private WorkerFactory startWorker() {
    WorkflowClient client = session.client();
    WorkerFactory f = WorkerFactory.newInstance(client);
    ContinuityWorker.register(f.newWorker(ContinuityNames.TASK_QUEUE), Workflows.IMPLEMENTATIONS,
        withDetection(ProductionActivities.create(ActivitiesConfig.emulator(URI.create(emulator.baseUrl()), settings.emulatorTimeScale()), reports), client));
    f.start();
    worker = f;
    return f;
  }

  private List<Object> withDetection(List<Object> activities, WorkflowClient client) {
    List<Object> all = new ArrayList<>(activities);
    all.add(new DetectedOutageStarter(client, LiveEstate.fixed(estate)));
    return all;
  }

  /** The figures, by name, each a map of measure to value (milliseconds unless named otherwise). */
  public Map<String, Map<String, Object>> run() throws Exception {
    Map<String, Map<String, Object>> results = new LinkedHashMap<>();
    results.put("chain", chain());
    results.put("failover", failover());
    results.put("replacementWorker", replacementWorker());
    results.put("concurrentDrills", concurrentDrills());
    results.put("detection", detection());
    return results;
  }

  // ---- plans ----

  /** A cheap real action (Cosmos DB replication read on the emulator) from the shipped failover plan. */
  private PlanStep readStep() throws Exception {
    Plan failover = PlanCompiler.compile(estate, "ai-platform", Mode.FAILOVER);
    return failover.steps().stream().filter(s -> "cosmos.readReplication".equals(s.action())).findFirst().orElseThrow();
  }

  /** {@code n} copies of a step, each depending on the one before. */
  private static List<PlanStep> chainOf(PlanStep template, int n, String phasePrefix, String phase) {
    List<PlanStep> steps = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      String id = phasePrefix + String.format("s%03d", i);
      List<String> deps = i == 1 ? List.of() : List.of(phasePrefix + String.format("s%03d", i - 1));
      steps.add(new PlanStep(id, phase, "benchmark step " + i, template.action(), template.target(), template.params(), deps,
          template.retry(), template.timeout(), null, template.expected()));
    }
    return steps;
  }

  /** The plan with every step depending on the one before it in the plan's order (one step per level). */
  private static Plan sequential(Plan plan) {
    List<PlanStep> steps = new ArrayList<>();
    String previous = null;
    for (List<String> level : plan.levels()) {
      for (String id : level) {
        PlanStep s = plan.step(id);
        steps.add(new PlanStep(s.id(), s.phase(), s.description(), s.action(), s.target(), s.params(),
            previous == null ? List.of() : List.of(previous), s.retry(), s.timeout(), s.approval(), s.expected()));
        previous = id;
      }
    }
    return withSteps(plan, plan.mode(), steps);
  }

  private static Plan withSteps(Plan p, Mode mode, List<PlanStep> steps) {
    List<List<String>> levels = steps.stream().map(s -> List.of(s.id())).toList();
    return new Plan(p.stamp(), mode, p.runbook() + "-bench", p.fromRegion(), p.toRegion(), p.targets(), p.severityPolicy(),
        p.knownApprovers(), steps, levels, steps.stream().map(PlanStep::id).toList(), p.estimated(), p.source());
  }

  // ---- running ----

  private WorkflowStub start(Plan plan, Severity severity) {
    String id = "bench-" + plan.mode().text() + "-" + (++sequence) + "-" + System.nanoTime();
    OperationRequest request = new OperationRequest(plan, severity, plan.mode() != Mode.FAILOVER, "benchmark", "bench", id,
        System.currentTimeMillis());
    WorkflowOptions options = WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(ContinuityNames.TASK_QUEUE).build();
    WorkflowClient client = session.client();
    if (plan.mode() == Mode.DRILL) {
      DrillWorkflow w = client.newWorkflowStub(DrillWorkflow.class, options);
      WorkflowClient.start(w::run, new OperationInput(id, request));
      return WorkflowStub.fromTyped(w);
    }
    FailoverWorkflow w = client.newWorkflowStub(FailoverWorkflow.class, options);
    WorkflowClient.start(w::run, new OperationInput(id, request));
    return WorkflowStub.fromTyped(w);
  }

  private static OperationResult finish(WorkflowStub stub) throws Exception {
    OperationResult r = stub.getResult(10, TimeUnit.MINUTES, OperationResult.class);
    if (r.outcome() != Outcome.SUCCEEDED) throw new IllegalStateException(r.operationId() + " " + r.outcome() + ": " + r.summary());
    return r;
  }

  private static long wall(Timeline t) {
    long first = t.steps.stream().mapToLong(s -> s.startedAtMillis).filter(v -> v > 0).min().orElse(t.startedAtMillis);
    long last = t.steps.stream().mapToLong(s -> s.endedAtMillis).max().orElse(first);
    return last - first;
  }

  /** The longest path through the plan's DAG, each step weighing what it actually took. */
  private static long criticalPath(Plan plan, Timeline t) {
    Map<String, Long> finish = new HashMap<>();
    long longest = 0;
    for (List<String> level : plan.levels()) {
      for (String id : level) {
        StepRecord r = t.step(id);
        long own = r == null || r.startedAtMillis == 0 ? 0 : Math.max(0, r.endedAtMillis - r.startedAtMillis);
        long before = plan.step(id).dependsOn() == null ? 0
            : plan.step(id).dependsOn().stream().mapToLong(d -> finish.getOrDefault(d, 0L)).max().orElse(0);
        finish.put(id, before + own);
        longest = Math.max(longest, before + own);
      }
    }
    return longest;
  }

  private Map<String, Object> chain() throws Exception {
    Plan base = PlanCompiler.compile(estate, "ai-platform", Mode.FAILOVER);
    Plan plan = withSteps(base, Mode.FAILOVER, chainOf(readStep(), settings.chainSteps(), "", null));
    finish(start(withSteps(base, Mode.FAILOVER, chainOf(readStep(), 3, "", null)), Severity.Sev0)); // warm-up
    WorkflowStub op = start(plan, Severity.Sev0);
    OperationResult r = finish(op);
    // From the server's history: the gap between one action completing and the next one starting
    // on the worker is what the orchestration adds per step (workflow task, scheduling, dispatch).
    List<Long> gaps = new ArrayList<>();
    List<Long> actions = new ArrayList<>();
    long lastCompleted = -1;
    Map<Long, Long> startedAt = new HashMap<>();
    for (HistoryEvent e : session.client().fetchHistory(op.getExecution().getWorkflowId()).getEvents()) {
      long at = Timestamps.toMillis(e.getEventTime());
      if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED) {
        long scheduledId = e.getActivityTaskStartedEventAttributes().getScheduledEventId();
        startedAt.put(scheduledId, at);
        if (lastCompleted > 0) gaps.add(at - lastCompleted);
      } else if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) {
        Long started = startedAt.get(e.getActivityTaskCompletedEventAttributes().getScheduledEventId());
        if (started != null) actions.add(at - started);
        lastCompleted = at;
      }
    }
    // The last gap leads to the report activity, not to a chain step.
    if (gaps.size() >= settings.chainSteps()) gaps = gaps.subList(0, settings.chainSteps() - 1);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("steps", settings.chainSteps());
    m.put("overheadP50Ms", percentile(gaps, 50));
    m.put("overheadP99Ms", percentile(gaps, 99));
    m.put("overheadMaxMs", percentile(gaps, 100));
    m.put("overheadSamples", gaps.size());
    m.put("actionP50Ms", percentile(actions, 50));
    m.put("wallMs", wall(r.timeline()));
    return m;
  }

  private Map<String, Object> failover() throws Exception {
    Plan plan = PlanCompiler.compile(estate, "ai-platform", Mode.FAILOVER);
    control.reset();
    control.outage("eastus2");
    OperationResult parallel = finish(start(plan, Severity.Sev0));
    control.reset();
    control.outage("eastus2");
    OperationResult sequentialRun = finish(start(sequential(plan), Severity.Sev0));
    control.reset();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("stamp", "ai-platform");
    m.put("steps", plan.steps().size());
    m.put("emulatorTimeScale", settings.emulatorTimeScale());
    m.put("planEstimatedCriticalPathMs", plan.estimated() == null ? null : (long) (plan.estimated().toMillis() * settings.emulatorTimeScale()));
    m.put("parallelWallMs", wall(parallel.timeline()));
    m.put("measuredCriticalPathMs", criticalPath(plan, parallel.timeline()));
    m.put("sequentialWallMs", wall(sequentialRun.timeline()));
    m.put("sumOfStepsMs", parallel.timeline().steps.stream().mapToLong(s -> Math.max(0, s.endedAtMillis - s.startedAtMillis)).sum());
    return m;
  }

  private Map<String, Object> replacementWorker() throws Exception {
    Plan base = PlanCompiler.compile(estate, "ai-platform", Mode.FAILOVER);
    Plan plan = withSteps(base, Mode.FAILOVER, chainOf(readStep(), 20, "", null));
    WorkflowStub op = start(plan, Severity.Sev0);
    String id = op.getExecution().getWorkflowId();
    WorkflowStub byId = session.client().newUntypedWorkflowStub(id);
    long deadline = System.currentTimeMillis() + 60_000;
    int endedAtKill;
    while ((endedAtKill = ended(byId)) < 5 && System.currentTimeMillis() < deadline) Thread.sleep(5);
    // The kill: the worker stops at once, with whatever it was doing (in-JVM shutdownNow, not a process kill).
    // Queries need a worker, so nothing is asked of the operation until the replacement runs.
    worker.shutdownNow();
    worker.awaitTermination(10, TimeUnit.SECONDS);
    Thread.sleep(1000);
    long replacementStart = System.currentTimeMillis();
    startWorker();
    long nextStepStarted = -1;
    while (System.currentTimeMillis() < replacementStart + 120_000) {
      Timeline t;
      try {
        t = byId.query("timeline", Timeline.class);
      } catch (RuntimeException noWorkerYet) {
        Thread.sleep(10);
        continue;
      }
      long started = t.steps.stream().mapToLong(s -> s.startedAtMillis).filter(v -> v >= replacementStart).min().orElse(-1);
      long endedAfter = t.steps.stream().mapToLong(s -> s.endedAtMillis).filter(v -> v >= replacementStart).min().orElse(-1);
      long first = started > 0 ? started : endedAfter;
      if (first > 0) {
        nextStepStarted = first;
        break;
      }
      Thread.sleep(10);
    }
    finish(byId);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kill", "in-JVM WorkerFactory.shutdownNow after " + endedAtKill + " steps ended, replacement started 1 s later");
    m.put("replacementToNextStepMs", nextStepStarted < 0 ? null : nextStepStarted - replacementStart);
    return m;
  }

  private static int ended(WorkflowStub op) {
    Timeline t = op.query("timeline", Timeline.class);
    return (int) t.steps.stream().filter(s -> s.endedAtMillis > 0).count();
  }

  private Map<String, Object> concurrentDrills() throws Exception {
    Plan base = PlanCompiler.compile(estate, "ai-platform", Mode.DRILL);
    PlanStep read = readStep();
    List<PlanStep> steps = new ArrayList<>();
    steps.addAll(chainOf(read, 2, "failover/", "failover"));
    List<PlanStep> validate = chainOf(read, 2, "validate/", "validate");
    validate.set(0, dependingOn(validate.get(0), "failover/s002"));
    steps.addAll(validate);
    List<PlanStep> back = chainOf(read, 2, "failback/", "failback");
    back.set(0, dependingOn(back.get(0), "validate/s002"));
    steps.addAll(back);
    Plan plan = withSteps(base, Mode.DRILL, steps);

    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    long baseline = memory.getHeapMemoryUsage().getUsed();
    AtomicLong peak = new AtomicLong(baseline);
    Thread sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "bench-memory");
    sampler.setDaemon(true);
    sampler.start();
    long t0 = System.nanoTime();
    List<WorkflowStub> drills = new ArrayList<>();
    for (int i = 0; i < settings.concurrentDrills(); i++) drills.add(start(plan, Severity.Sev0));
    List<CompletableFuture<OperationResult>> results = drills.stream()
        .map(d -> d.getResultAsync(10, TimeUnit.MINUTES, OperationResult.class)).toList();
    int succeeded = 0;
    for (CompletableFuture<OperationResult> f : results) if (f.get().outcome() == Outcome.SUCCEEDED) succeeded++;
    long total = (System.nanoTime() - t0) / 1_000_000;
    sampler.interrupt();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("drills", settings.concurrentDrills());
    m.put("stepsPerDrill", steps.size());
    m.put("succeeded", succeeded);
    m.put("totalMs", total);
    m.put("heapBaselineMb", baseline / (1024 * 1024));
    m.put("heapPeakMb", peak.get() / (1024 * 1024));
    return m;
  }

  private static PlanStep dependingOn(PlanStep s, String dep) {
    return new PlanStep(s.id(), s.phase(), s.description(), s.action(), s.target(), s.params(), List.of(dep), s.retry(),
        s.timeout(), s.approval(), s.expected());
  }

  /**
   * Outage to operation start with the built-in probe loops of the shipped stamps, with their
   * inventory settings (ai-platform: every 5 s, 3 rounds, quorum 2 of 3 vantage points; the others the
   * defaults). The loops run until each has seen the regions healthy once; then, at t0, the emulator
   * takes both primary regions down, and each stamp is watched until its failover has started and
   * until the failover's first step has started. The loops' phase against t0 is whatever it happens to
   * be, so each stamp is one sample of a delay between (K-1) and K intervals plus the probing itself.
   */
  private Map<String, Object> detection() throws Exception {
    control.reset();
    WorkflowClient client = session.client();
    ProbeLoops loops = new ProbeLoops(client);
    OperationControl operations = new OperationControl(client);
    List<String> stamps = estate.inventory().stamps().stream().map(s -> s.name()).toList();
    Map<String, ProbeLoopInput> inputs = new LinkedHashMap<>();
    for (String stamp : stamps) {
      ProbeLoopInput input = ProbeLoops.inputFor(estate, stamp);
      inputs.put(stamp, input);
      loops.start(input);
    }
    long deadline = System.currentTimeMillis() + 60_000;
    for (String stamp : stamps) {
      while (loops.loop(stamp).map(l -> l.status() == null ? 0L : l.status().rounds()).orElse(0L) < 1) {
        if (System.currentTimeMillis() > deadline) throw new IllegalStateException("probe loop of " + stamp + " did not probe within 60 s");
        Thread.sleep(20);
      }
    }
    List<String> regions = stamps.stream().map(s -> estate.inventory().stamp(s).primaryRegion()).distinct().toList();
    long t0 = System.currentTimeMillis();
    for (String region : regions) control.outage(region);
    Map<String, Long> started = new LinkedHashMap<>();
    Map<String, Long> firstStep = new LinkedHashMap<>();
    Map<String, String> operationIds = new LinkedHashMap<>();
    long until = t0 + 120_000;
    while ((firstStep.size() < stamps.size()) && System.currentTimeMillis() < until) {
      for (String stamp : stamps) {
        if (firstStep.containsKey(stamp)) continue;
        String op = operationIds.get(stamp);
        if (op == null) {
          op = operations.stampState(stamp).map(st -> st.currentOperation()).orElse(null);
          if (op == null) continue;
          operationIds.put(stamp, op);
        }
        Timeline t = operations.status(op).timeline();
        // The operation's own record of its start, not when this poll noticed it.
        if (!started.containsKey(stamp) && t != null && t.startedAtMillis > 0) started.put(stamp, t.startedAtMillis - t0);
        long first = t == null ? 0 : t.steps.stream().mapToLong(s -> s.startedAtMillis).filter(v -> v > 0).min().orElse(0);
        if (first > 0) firstStep.put(stamp, first - t0);
      }
      Thread.sleep(20);
    }
    for (String stamp : stamps) loops.stop(stamp, "bench");
    for (String region : regions) control.restore(region);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("settings", inputs.values().stream().map(i -> i.stamp() + ": every " + i.interval().toSeconds() + " s, K " + i.consecutiveFailures()
        + ", quorum " + (i.quorum() == null ? "majority" : i.quorum())).toList());
    m.put("outageToOperationStartMs", started);
    m.put("outageToFirstStepMs", firstStep);
    m.put("maxOutageToOperationStartMs", started.values().stream().mapToLong(Long::longValue).max().orElse(-1));
    m.put("operationsStarted", started.size());
    return m;
  }

  static long percentile(List<Long> values, int p) {
    if (values.isEmpty()) return -1;
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  @Override
  public void close() {
    if (worker != null) {
      worker.shutdownNow();
      worker.awaitTermination(10, TimeUnit.SECONDS);
    }
    session.close();
    server.close();
    emulator.stop();
  }
}
