package dev.continuity.cli;

import dev.continuity.model.Json;
import dev.continuity.starter.DetectedOutageStarter;
import dev.continuity.starter.ScheduledDrillStarter;
import dev.continuity.starter.TemporalSession;
import dev.continuity.worker.ContinuityWorker;
import dev.continuity.workflows.ContinuityNames;
import dev.continuity.workflows.Workflows;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import picocli.CommandLine;

/**
 * Runs the real command line in-process against a Temporal test server that runs the real
 * workflows with the test doubles of the actions and the report.
 */
final class CliHarness implements AutoCloseable {
  /** The shipped inventory and runbooks. */
  static final Path RUNBOOKS = Path.of("..", "runbooks");

  /** A copy of the shipped runbooks and inventory in {@code target}, for a test that edits them. */
  static void copyRunbooks(Path target) throws java.io.IOException {
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(RUNBOOKS)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path dest = target.resolve(RUNBOOKS.relativize(p).toString());
        if (java.nio.file.Files.isDirectory(p)) java.nio.file.Files.createDirectories(dest);
        else java.nio.file.Files.copy(p, dest);
      }
    }
  }

  record Run(int exit, String out, String err) {
    <T> T json(Class<T> type) {
      try {
        return Json.MAPPER.readValue(out, type);
      } catch (Exception e) {
        throw new AssertionError("not JSON of " + type.getSimpleName() + ": " + out + "\nstderr: " + err, e);
      }
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  final TestWorkflowEnvironment env;
  final ScriptedActions actions = new ScriptedActions();
  final TestNotifications notifications = new TestNotifications();
  /** Environment variables every {@code continuity} run sees besides CONTINUITY_CONFIG. */
  final Map<String, String> environment = new java.util.concurrent.ConcurrentHashMap<>();

  CliHarness() {
    this(new TestReport());
  }

  /** With another report activity (a real report writer into a temporary directory). */
  CliHarness(Object report) {
    env = TestWorkflowEnvironment.newInstance();
    env.registerSearchAttribute(ContinuityNames.SA_STAMP, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    env.registerSearchAttribute(ContinuityNames.SA_OPERATION, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    env.registerSearchAttribute(ContinuityNames.SA_PHASE, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    env.registerSearchAttribute(ContinuityNames.SA_AWAITING_APPROVAL, IndexedValueType.INDEXED_VALUE_TYPE_BOOL);
    Worker worker = env.newWorker(ContinuityNames.TASK_QUEUE);
    ContinuityWorker.register(worker, Workflows.IMPLEMENTATIONS,
        List.of(actions, report, notifications, new ScheduledDrillStarter(env.getWorkflowClient(), RUNBOOKS),
            new DetectedOutageStarter(env.getWorkflowClient(), RUNBOOKS)));
    env.start();
  }

  /** One invocation of {@code continuity args...} with the shipped runbooks, as from a pipe (no TTY). */
  Run run(String... args) {
    return run(false, args);
  }

  /** As if on a terminal: live views redraw in place. */
  Run runOnTerminal(String... args) {
    return run(true, args);
  }

  private Run run(boolean tty, String... args) {
    Map<String, String> vars = new java.util.HashMap<>(environment);
    vars.put("CONTINUITY_CONFIG", RUNBOOKS.toString());
    Continuity c = new Continuity(
        vars,
        conn -> new TemporalSession(conn, env.getWorkflowServiceStubs(), env.getWorkflowClient(),
            env::getOperatorServiceStubs, false),
        ConfigSource.FILES)
        .withPollInterval(Duration.ofMillis(100))
        .withTty(tty);
    return execute(c.commandLine(), args);
  }

  static Run execute(CommandLine cl, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  /** Polls {@code continuity status OP --json} until the condition holds (in real time). */
  Map<String, Object> awaitStatus(String operationId, Predicate<Map<String, Object>> condition, String what) {
    long deadline = System.currentTimeMillis() + 20_000;
    Map<String, Object> last = null;
    while (System.currentTimeMillis() < deadline) {
      Run r = run("status", operationId, "--json");
      if (r.exit() != 2) {
        @SuppressWarnings("unchecked")
        Map<String, Object> s = r.json(Map.class);
        last = s;
        if (condition.test(s)) return s;
      }
      sleep(100);
    }
    throw new AssertionError("timed out waiting for " + what + "; last status: " + last);
  }

  @SuppressWarnings("unchecked")
  static String stepState(Map<String, Object> status, String step) {
    Map<String, Object> timeline = (Map<String, Object>) status.get("timeline");
    if (timeline == null) return null;
    for (Map<String, Object> s : (List<Map<String, Object>>) timeline.get("steps")) {
      if (step.equals(s.get("id"))) return (String) s.get("state");
    }
    return null;
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    env.close();
  }
}
