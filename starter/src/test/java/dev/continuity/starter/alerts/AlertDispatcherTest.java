package dev.continuity.starter.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.model.config.Estate;
import dev.continuity.model.operation.StampState;
import dev.continuity.starter.OperationControl;
import dev.continuity.starter.SearchAttributeSetup;
import dev.continuity.workflows.ContinuityNames;
import dev.continuity.workflows.Workflows;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Alerts against the real stamp entity on the in-process test server, with the shipped estate.
 * No activities are registered: a failover stays at its first step, which is all these need.
 */
class AlertDispatcherTest {
  private TestWorkflowEnvironment env;
  private AlertDispatcher dispatcher;

  @BeforeEach
  void start() throws Exception {
    env = TestWorkflowEnvironment.newInstance();
    SearchAttributeSetup.ATTRIBUTES.forEach(env::registerSearchAttribute);
    Worker worker = env.newWorker(ContinuityNames.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(Workflows.implementationTypes());
    env.start();
    dispatcher = new AlertDispatcher(Estate.load(Path.of("..", "runbooks")), env.getWorkflowClient(), Duration.ofSeconds(30), 10_000);
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private AlertSignal metric(String id, String condition) throws BadAlertException {
    return CommonAlertParser.parse(Payloads.metricAlert(id, condition));
  }

  private long openFailovers() {
    var open = env.getWorkflowServiceStubs().blockingStub().listOpenWorkflowExecutions(
        ListOpenWorkflowExecutionsRequest.newBuilder().setNamespace(env.getNamespace()).setMaximumPageSize(100).build());
    return open.getExecutionsList().stream().filter(e -> e.getType().getName().equals("Failover")
        && e.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING).count();
  }

  @Test
  void aFiredAlertStartsTheStampsFailoverWithTheAlertAsTrigger() throws Exception {
    List<AlertDisposition> d = dispatcher.handle(metric("a-1", "Fired"));
    assertEquals(1, d.size());
    assertEquals("started", d.get(0).outcome(), d.toString());
    assertEquals("ai-platform", d.get(0).stamp());
    StampState state = new OperationControl(env.getWorkflowClient()).stampState("ai-platform").orElseThrow();
    assertEquals(d.get(0).operationId(), state.currentOperation());
    var timeline = new OperationControl(env.getWorkflowClient()).status(d.get(0).operationId()).timeline();
    assertEquals("Sev1", timeline.severity, "the alert's severity goes to the policy gates");
  }

  @Test
  void aThousandAlertsAboutOneOutageGiveOneFailover() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<List<AlertDisposition>>> all = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        String id = "storm-" + i;
        all.add(pool.submit(() -> dispatcher.handle(metric(id, "Fired"))));
      }
      Set<String> operations = ConcurrentHashMap.newKeySet();
      int started = 0;
      for (Future<List<AlertDisposition>> f : all) {
        AlertDisposition d = f.get().get(0);
        assertTrue(Set.of("started", "joined").contains(d.outcome()), d.toString());
        if (d.outcome().equals("started")) started++;
        operations.add(d.operationId());
      }
      assertEquals(1, started);
      assertEquals(1, operations.size(), operations.toString());
      assertEquals(1, openFailovers());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aStormPastTheJoinWindowIsStillJoinedByTheStamp() throws Exception {
    AlertDispatcher noWindow = new AlertDispatcher(Estate.load(Path.of("..", "runbooks")), env.getWorkflowClient(), Duration.ZERO, 100);
    String first = noWindow.handle(metric("w-0", "Fired")).get(0).operationId();
    for (int i = 1; i < 20; i++) {
      AlertDisposition d = noWindow.handle(metric("w-" + i, "Fired")).get(0);
      assertEquals("joined", d.outcome(), d.toString());
      assertEquals(first, d.operationId());
    }
    assertEquals(1, openFailovers());
  }

  @Test
  void aReplayedAlertStartsNothingNew() throws Exception {
    assertEquals("started", dispatcher.handle(metric("r-1", "Fired")).get(0).outcome());
    for (int i = 0; i < 5; i++) {
      AlertDisposition again = dispatcher.handle(metric("r-1", "Fired")).get(0);
      assertEquals("replay", again.outcome());
    }
    assertEquals(1, openFailovers());
  }

  @Test
  void anAlertAboutNoStampIsRecordedAndIgnored() throws Exception {
    String stranger = Payloads.read("monitor-metric-fired.json").replace("cosmos-ai-platform\"", "cosmos-unrelated\"");
    AlertDisposition d = dispatcher.handle(CommonAlertParser.parse(stranger)).get(0);
    assertEquals("unmatched", d.outcome());
    assertTrue(new OperationControl(env.getWorkflowClient()).stampState("ai-platform").isEmpty(), "no stamp entity was even started");
  }

  @Test
  void aResolvedAlertWithNoFailoverRunningIsRecorded() throws Exception {
    AlertDisposition d = dispatcher.handle(metric("q-1", "Resolved")).get(0);
    assertEquals("resolved", d.outcome());
    assertNotNull(d.detail());
    assertEquals(0, openFailovers());
  }

  @Test
  void oneBatchAboutTwoStampsStartsBothAndEveryLaterAlertOfTheBatchJoins() throws Exception {
    String cosmos = "resourcegroups/rg-ai-platform/providers/microsoft.documentdb/databaseaccounts/cosmos-ai-platform";
    String site = "resourceGroups/rg-web-api/providers/Microsoft.Web/sites/app-web-api-eastus";
    assertTrue(Payloads.metricAlert("x", "Fired").contains(cosmos), "the fixture names the cosmos account");
    List<AlertSignal> batch = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      batch.add(metric("b-ai-" + i, "Fired"));
      batch.add(CommonAlertParser.parse(Payloads.metricAlert("b-web-" + i, "Fired").replace(cosmos, site)));
    }
    List<AlertDisposition> d = dispatcher.handleAll(batch);
    assertEquals(20, d.size(), d.toString());
    assertEquals(2, d.stream().filter(x -> x.outcome().equals("started")).count(), d.toString());
    assertEquals(18, d.stream().filter(x -> x.outcome().equals("joined")).count(), d.toString());
    assertEquals(Set.of("ai-platform", "web-api"), d.stream().map(AlertDisposition::stamp).collect(java.util.stream.Collectors.toSet()));
    assertEquals(2, openFailovers());
  }

  @Test
  void anEditedInventoryIsUsedOnceItValidatesAndABadEditKeepsTheOldOne(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path shipped = Path.of("..", "runbooks");
    try (var files = java.nio.file.Files.walk(shipped)) {
      for (Path f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
        Path to = dir.resolve(shipped.relativize(f).toString());
        java.nio.file.Files.createDirectories(to.getParent());
        java.nio.file.Files.copy(f, to);
      }
    }
    dev.continuity.starter.LiveEstate live = dev.continuity.starter.LiveEstate.load(dir, Duration.ZERO);
    AlertDispatcher reloading = new AlertDispatcher(live, env.getWorkflowClient(), Duration.ofSeconds(30), 100);
    java.util.function.Function<String, AlertSignal> renamed = id -> {
      try {
        return CommonAlertParser.parse(Payloads.metricAlert(id, "Fired").replace("cosmos-ai-platform\"", "cosmos-ai-platform-2\""));
      } catch (BadAlertException e) {
        throw new AssertionError(e);
      }
    };
    assertEquals("unmatched", reloading.handle(renamed.apply("e-1")).get(0).outcome());

    Path inventory = dir.resolve("inventory.yaml");
    String text = java.nio.file.Files.readString(inventory);
    // A bad edit (an unknown key) is refused: the account keeps its old id.
    java.nio.file.Files.writeString(inventory, text.replace("databaseAccounts/cosmos-ai-platform\n",
        "databaseAccounts/cosmos-ai-platform-2\n        colour: blue\n"));
    assertEquals("unmatched", reloading.handle(renamed.apply("e-2")).get(0).outcome());
    // The good edit: the renamed account is the stamp's now.
    java.nio.file.Files.writeString(inventory, text.replace("databaseAccounts/cosmos-ai-platform\n", "databaseAccounts/cosmos-ai-platform-2\n"));
    AlertDisposition d = reloading.handle(renamed.apply("e-3")).get(0);
    assertEquals("started", d.outcome(), d.toString());
    assertEquals("ai-platform", d.stamp());
    assertEquals(2, live.current().generation());
  }
}
