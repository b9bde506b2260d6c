package dev.continuity.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.continuity.emulator.ArmEmulator;
import dev.continuity.emulator.EmulatorClient;
import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.estate.ResourceKinds;
import dev.continuity.model.plan.ResourceRef;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.ActivityStub;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The emulator injects 429s, 500s and dropped connections; Temporal's retry policy (and the 429's
 * Retry-After) carries each action to success, and the journal shows every change made once.
 */
class TransientFaultsTest {
  static final String TASK_QUEUE = "faults";

  /** A stand-in for the runbook engine: runs actions in order by their activity type. */
  @WorkflowInterface
  public interface RunActions {
    @WorkflowMethod
    List<ActionResult> run(List<ActionRequest> steps);
  }

  public static class RunActionsImpl implements RunActions {
    @Override
    public List<ActionResult> run(List<ActionRequest> steps) {
      ActivityStub actions = Workflow.newUntypedActivityStub(ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofMillis(100)).setBackoffCoefficient(1.0)
              .setMaximumAttempts(50).build())
          .build());
      List<ActionResult> results = new ArrayList<>();
      for (ActionRequest step : steps) results.add(actions.execute(step.action(), ActionResult.class, step));
      return results;
    }
  }

  ArmEmulator emulator;
  TestWorkflowEnvironment env;

  @AfterEach
  void stop() {
    if (env != null) env.close();
    if (emulator != null) emulator.stop();
  }

  static ActionRequest step(String action, String kind, String id, Map<String, Object> params) {
    return new ActionRequest("op-1", action, action, new ResourceRef(action, kind, id, null, Map.of()), params,
        "ai-platform", "eastus2", "westus2", false);
  }

  @Test
  void faultsAreRetriedToSuccessAndEveryChangeHappensOnce() {
    emulator = ArmEmulator.start(0, null, 0, EmulatorIntegrationTest.inventory());
    EmulatorClient control = new EmulatorClient(emulator.baseUrl());
    ActivitiesConfig config = ActivitiesConfig.emulator(URI.create(emulator.baseUrl()), 0);
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(RunActionsImpl.class);
    worker.registerActivitiesImplementations(AzureActivities.all(config).toArray());
    env.start();
    control.faults(0.3, 42);

    List<ActionRequest> steps = List.of(
        step("cosmos.setWriteRegion", ResourceKinds.COSMOS_DB, EmulatorIntegrationTest.COSMOS, Map.of("region", "westus2")),
        step("trafficManager.setEndpointPriority", ResourceKinds.TRAFFIC_MANAGER, EmulatorIntegrationTest.TM,
            Map.of("endpoint", "westus2", "priority", 1)),
        step("storage.failover", ResourceKinds.STORAGE_ACCOUNT, EmulatorIntegrationTest.STORAGE, Map.of()),
        step("aks.scaleAgentPool", ResourceKinds.AKS, EmulatorIntegrationTest.AKS, Map.of("agentPool", "nodepool1", "count", 3)));
    RunActions run = env.getWorkflowClient().newWorkflowStub(RunActions.class,
        WorkflowOptions.newBuilder().setTaskQueue(TASK_QUEUE).setWorkflowId("faults").build());

    List<ActionResult> results = run.run(steps);

    assertEquals(steps.size(), results.size());
    JsonNode state = control.state();
    assertTrue(injected(state) > 0, "the emulator injected faults: " + state.path("faults"));
    control.faults(0);
    assertEquals(1, journal(control, EmulatorIntegrationTest.COSMOS, "cosmos.failoverPriorityChange"));
    assertEquals(3, journal(control, EmulatorIntegrationTest.TM, "trafficManager.updateEndpoint"));
    assertEquals(1, journal(control, EmulatorIntegrationTest.STORAGE, "storage.failover"));
    assertEquals(1, journal(control, EmulatorIntegrationTest.AKS, "aks.updateAgentPool"));
  }

  private static int journal(EmulatorClient control, String resource, String operation) {
    return control.journal(resource, operation).path("entries").size();
  }

  private static long injected(JsonNode state) {
    JsonNode n = state.findValue("injected");
    return n == null ? 0 : n.asLong();
  }
}
