package dev.continuity.cli.bench;

import dev.continuity.activities.ActivitiesConfig;
import dev.continuity.emulator.ArmEmulator;
import dev.continuity.emulator.EmulatorClient;
import dev.continuity.model.config.Estate;
import dev.continuity.model.config.PlanCompiler;
import dev.continuity.model.estate.Severity;
import dev.continuity.model.estate.Stamp;
import dev.continuity.model.operation.ApprovalRequest;
import dev.continuity.model.operation.DecisionRequest;
import dev.continuity.model.operation.OperationInput;
import dev.continuity.model.operation.OperationRequest;
import dev.continuity.model.operation.OperationResult;
import dev.continuity.model.operation.Outcome;
import dev.continuity.model.operation.StepDecision;
import dev.continuity.model.plan.Mode;
import dev.continuity.model.plan.Plan;
import dev.continuity.model.plan.PlanStep;
import dev.continuity.model.timeline.StepRecord;
import dev.continuity.model.timeline.StepState;
import dev.continuity.starter.OperationControl;
import dev.continuity.starter.OperationStarter;
import dev.continuity.starter.OperationStatus;
import dev.continuity.starter.StartOutcome;
import dev.continuity.model.timeline.Timeline;
import dev.continuity.starter.DetectedOutageStarter;
import dev.continuity.starter.LiveEstate;
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
 * production activities: in this JVM for the chain and the failover, in worker processes for the
 * kill -9 and the concurrent drills. A harness, not a test: it reports figures and asserts
 * nothing about them. Each figure says how it was measured (see docs/benchmarks.md).
 */
public final class Benchmark implements AutoCloseable {
  /** The measures, in the order they run. */
  public static final List<String> MEASURES = List.of("chain", "failover", "replacementWorker", "concurrentDrills", "detection");

  /** What to run: the chain length, the number of concurrent drills, and which measures (empty: all). */
  public record Settings(int chainSteps, int concurrentDrills, double emulatorTimeScale, java.util.Set<String> only) {
    public Settings(int chainSteps, int concurrentDrills, double emulatorTimeScale) {
      this(chainSteps, concurrentDrills, emulatorTimeScale, java.util.Set.of());
    }
  }

  private final Settings settings;
  private final Estate estate;
  private final TemporalDevServer server;
  private final TemporalSession session;
  private final ArmEmulator emulator;
  private final EmulatorClient control;
  private final Path reports;
  private final Path config;
  private final Path work;
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
    this.config = config;
    this.work = Files.createTempDirectory("continuity-bench");
    this.reports = work.resolve("reports");
    startWorker();
  }

  private WorkerFactory startWorker() {
    WorkflowClient client = session.client();
    // The production worker's interceptors (metrics, log context, liveness heartbeats), as a worker process has.
    WorkerFactory f = WorkerFactory.newInstance(client, io.temporal.worker.WorkerFactoryOptions.newBuilder()
        .setWorkerInterceptors(ContinuityWorker.interceptors(List.of()).toArray(new io.temporal.common.interceptors.WorkerInterceptor[0]))
        .build());
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
    Map<String, Measure> measures = new LinkedHashMap<>();
    measures.put("chain", this::chain);
    measures.put("failover", this::failover);
    measures.put("replacementWorker", this::replacementWorker);
    measures.put("concurrentDrills", this::concurrentDrills);
    measures.put("detection", this::detection);
    measures.forEach((name, m) -> {
      if (settings.only().isEmpty() || settings.only().contains(name)) measure(results, name, m);
    });
    return results;
  }

  private interface Measure {
    Map<String, Object> run() throws Exception;
  }

  /** One measure; a failed one reports its error and the others still run (and print). */
  private static void measure(Map<String, Map<String, Object>> results, String name, Measure m) {
    try {
      results.put(name, m.run());
    } catch (Exception e) {
      Map<String, Object> failed = new LinkedHashMap<>();
      failed.put("error", String.valueOf(e.getMessage()));
      results.put(name, failed);
    }
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

  /** The step with a start-to-close timeout of {@code timeout}: a killed attempt is retried once that has passed. */
  /**
   * A stamp entity whose workflow task failed (on a saturated machine the SDK's deadlock detector
   * can fail one; the server retries it) refuses updates until the retry succeeds: ask again.
   */
  private static StartOutcome requestRetrying(OperationStarter starter, Stamp s, OperationRequest request) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return starter.request(OperationStarter.settingsFor(s), request);
      } catch (RuntimeException e) {
        if (attempt == 10) throw e;
        Thread.sleep(1000);
      }
    }
  }

  private static PlanStep withTimeout(PlanStep s, java.time.Duration timeout) {
    return new PlanStep(s.id(), s.phase(), s.description(), s.action(), s.target(), s.params(), s.dependsOn(), s.retry(),
        timeout, s.approval(), s.expected());
  }

  private WorkerProcess workerProcess(String armEndpoint) throws Exception {
    return WorkerProcess.start(server.getTarget(), server.getNamespace(), armEndpoint, settings.emulatorTimeScale(), config, work);
  }

  /** From here on the workers are processes: the in-JVM one, on the bench's own emulator, stops. */
  private void stopInJvmWorker() throws InterruptedException {
    if (worker == null) return;
    worker.shutdownNow();
    worker.awaitTermination(10, TimeUnit.SECONDS);
    worker = null;
  }

  /**
   * A worker process is killed with SIGKILL while a 20-step chain runs (after 5 steps ended, so a
   * step is usually running on it); a replacement process starts at once. Measured from the
   * replacement's start (the process launch) to the next step's start, from the server's history.
   * The killed step's attempt is only retried once its start-to-close timeout (5 s here) has passed.
   */
  private Map<String, Object> replacementWorker() throws Exception {
    stopInJvmWorker();
    java.time.Duration stepTimeout = java.time.Duration.ofSeconds(5);
    Plan base = PlanCompiler.compile(estate, "ai-platform", Mode.FAILOVER);
    Plan plan = withSteps(base, Mode.FAILOVER, chainOf(withTimeout(readStep(), stepTimeout), 20, "", null));
    WorkflowStub byId;
    int endedAtKill;
    String runningAtKill;
    try (WorkerProcess first = workerProcess(emulator.baseUrl())) {
      WorkflowStub op = start(plan, Severity.Sev0);
      byId = session.client().newUntypedWorkflowStub(op.getExecution().getWorkflowId());
      long deadline = System.currentTimeMillis() + 120_000;
      Timeline t = byId.query("timeline", Timeline.class);
      while (t.steps.stream().filter(s -> s.endedAtMillis > 0).count() < 5 && System.currentTimeMillis() < deadline) {
        Thread.sleep(5);
        t = byId.query("timeline", Timeline.class);
      }
      first.kill();
      endedAtKill = (int) t.steps.stream().filter(s -> s.endedAtMillis > 0).count();
      runningAtKill = t.steps.stream().filter(s -> s.startedAtMillis > 0 && s.endedAtMillis == 0).map(s -> s.id).findFirst().orElse(null);
    }
    long nextStepStarted = -1;
    long replacementStart;
    long replacementReady;
    try (WorkerProcess replacement = workerProcess(emulator.baseUrl())) {
      replacementStart = replacement.startedAtMillis;
      replacementReady = replacement.readyAtMillis;
      finish(byId);
      for (HistoryEvent e : session.client().fetchHistory(byId.getExecution().getWorkflowId()).getEvents()) {
        long at = Timestamps.toMillis(e.getEventTime());
        if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED && at >= replacementStart) {
          nextStepStarted = nextStepStarted < 0 ? at : Math.min(nextStepStarted, at);
        }
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kill", "SIGKILL of a worker process after " + endedAtKill + " of 20 chained steps ended"
        + (runningAtKill != null ? ", step " + runningAtKill + " running on it" : ", no step running") + "; a new process started at once");
    m.put("replacementToNextStepMs", nextStepStarted < 0 ? null : nextStepStarted - replacementStart);
    m.put("replacementStartToPollingMs", replacementReady - replacementStart);
    m.put("stepRunningAtKill", runningAtKill != null);
    m.put("stepTimeoutMs", stepTimeout.toMillis());
    return m;
  }

  /**
   * {@code n} drills of the shipped web-api drill runbook at once, on {@code n} copies of the stamp
   * (a stamp runs one operation at a time), requested through the stamp entities as an operator's
   * drills are, each gate approved as it asks. One worker process runs them all; its memory is read
   * from inside it.
   */
  private Map<String, Object> concurrentDrills() throws Exception {
    // The drills' worker is a process on the clones' emulator; the in-JVM worker (still running when
    // the measures before were skipped with --only) would take their tasks to the shipped estate.
    stopInJvmWorker();
    String template = "web-api";
    Estate clones = StampClones.of(estate, template, settings.concurrentDrills());
    try (ArmEmulator drillEstate = ArmEmulator.start(0, null, settings.emulatorTimeScale(), clones.inventory());
        WorkerProcess w = workerProcess(drillEstate.baseUrl())) {
      MemoryMXBean memory = w.memory();
      long baseline = -1;
      if (memory != null) {
        memory.gc();
        baseline = memory.getHeapMemoryUsage().getUsed();
      }
      AtomicLong peak = new AtomicLong(baseline);
      Thread sampler = new Thread(() -> {
        while (memory != null && !Thread.currentThread().isInterrupted()) {
          try {
            peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            Thread.sleep(50);
          } catch (InterruptedException e) {
            return;
          } catch (RuntimeException gone) {
            return;
          }
        }
      }, "bench-memory");
      sampler.setDaemon(true);
      sampler.start();
      OperationStarter starter = new OperationStarter(session.client());
      OperationControl control = new OperationControl(session.client());
      Map<String, Plan> plans = new LinkedHashMap<>();
      long t0 = System.nanoTime();
      for (Stamp s : clones.inventory().stamps()) {
        Plan plan = PlanCompiler.compile(clones, s.name(), Mode.DRILL);
        long now = System.currentTimeMillis();
        OperationRequest request = new OperationRequest(plan, Severity.Sev3, true, "benchmark drill", "bench",
            "bench-drill-" + s.name() + "-" + now, now);
        StartOutcome outcome = requestRetrying(starter, s, request);
        if (!(outcome instanceof StartOutcome.Accepted a)) throw new IllegalStateException(s.name() + ": " + outcome);
        plans.put(a.ticket().operationId(), plan);
      }
      Map<String, CompletableFuture<OperationResult>> results = new LinkedHashMap<>();
      Map<String, String> stepFailures = new java.util.concurrent.ConcurrentHashMap<>();
      plans.keySet().forEach(id -> results.put(id,
          session.client().newUntypedWorkflowStub(id).getResultAsync(30, TimeUnit.MINUTES, OperationResult.class)));
      // The drill's sign-off gate is approved as soon as the operation says it waits (the search attributes the UI lists).
      while (!results.values().stream().allMatch(CompletableFuture::isDone)) {
        List<String> waiting = session.client().listExecutions("(" + ContinuityNames.SA_AWAITING_APPROVAL + " = true OR "
                + ContinuityNames.SA_PHASE + " = 'awaiting-decision') AND ExecutionStatus = 'Running'")
            .map(x -> x.getExecution().getWorkflowId()).filter(plans::containsKey).toList();
        for (String id : waiting) {
          OperationStatus st = control.status(id);
          if (st.timeline() == null) continue;
          for (StepRecord r : st.timeline().steps) {
            try {
              if (r.state == StepState.AWAITING_APPROVAL) {
                PlanStep p = plans.get(id).step(r.id);
                control.approve(id, new ApprovalRequest(r.id, true, p.approval().allowed().get(0), "benchmark"));
              } else if (r.state == StepState.AWAITING_DECISION) {
                // A failed step waits for an operator, up to a week: the bench aborts the drill, which
                // then ends (counted below, with the step's error) instead of holding the measure.
                stepFailures.putIfAbsent(id, r.id + ": " + r.error);
                control.decide(id, new DecisionRequest(r.id, StepDecision.ABORT, "bench", "benchmark: a step failed"));
              }
            } catch (RuntimeException busy) {
              // The operation's workflow task is being retried (a loaded machine): done in the next round.
            }
          }
        }
        Thread.sleep(250);
      }
      long total = (System.nanoTime() - t0) / 1_000_000;
      sampler.interrupt();
      int succeeded = 0;
      // What became of the others, by outcome: a figure of fewer successes must say why.
      Map<String, Integer> otherwise = new java.util.TreeMap<>();
      List<String> examples = new ArrayList<>();
      for (Map.Entry<String, CompletableFuture<OperationResult>> e : results.entrySet()) {
        String why;
        try {
          OperationResult r = e.getValue().get();
          if (r.outcome() == Outcome.SUCCEEDED) {
            succeeded++;
            continue;
          }
          why = r.outcome() + ": " + r.summary() + (stepFailures.containsKey(e.getKey()) ? "; " + stepFailures.get(e.getKey()) : "");
          otherwise.merge(String.valueOf(r.outcome()), 1, Integer::sum);
        } catch (java.util.concurrent.ExecutionException failed) {
          why = "workflow failed: " + failed.getCause();
          otherwise.merge("workflow failed", 1, Integer::sum);
        }
        if (examples.size() < 3) examples.add(e.getKey() + " " + why);
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("drills", settings.concurrentDrills());
      m.put("runbook", template + "-drill on " + settings.concurrentDrills() + " copies of stamp " + template);
      m.put("stepsPerDrill", plans.values().iterator().next().steps().size());
      m.put("succeeded", succeeded);
      if (!otherwise.isEmpty()) {
        m.put("notSucceeded", otherwise);
        m.put("notSucceededExamples", examples);
      }
      m.put("totalMs", total);
      m.put("heapBaselineMb", baseline < 0 ? null : baseline / (1024 * 1024));
      m.put("heapPeakMb", baseline < 0 ? null : peak.get() / (1024 * 1024));
      m.put("residentPeakMb", w.peakResidentMb());
      return m;
    }
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
    // The replacement and drill measures ran on worker processes and stopped the in-JVM worker: the
    // loops and the failovers they start need one again (with the detection activity).
    if (worker == null) startWorker();
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
        Timeline t;
        try {
          t = operations.status(op).timeline();
        } catch (dev.continuity.starter.OperationNotFoundException notYet) {
          // The stamp names its operation as it asks for the child workflow: the next poll finds it.
          continue;
        }
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
