package dev.continuity.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.model.operation.Outcome;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;

/**
 * The workflow a drill schedule starts: it reports the stamp's refusal as its result and its
 * DrPhase, follows an accepted drill to its outcome, and retries the request with one trigger id so
 * a retried request joins the drill an earlier attempt started.
 */
class ScheduledDrillWorkflowTest {
  static final ScheduledDrillInput INPUT = new ScheduledDrillInput("ai-platform", "drill-ai-platform", "schedule:drill-ai-platform", "weekly");

  record Run(ScheduledDrillResult result, SearchAttributes attributes, String workflowId) {}

  /** Runs one scheduled drill against the double on a fresh time-skipping test server. */
  static Run run(AnsweringDrillRequests requests, java.util.function.BiConsumer<WorkflowClient, String> afterwards) {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      env.registerSearchAttribute(ContinuityNames.SA_STAMP, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
      env.registerSearchAttribute(ContinuityNames.SA_OPERATION, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
      env.registerSearchAttribute(ContinuityNames.SA_PHASE, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
      env.registerSearchAttribute(ContinuityNames.SA_AWAITING_APPROVAL, IndexedValueType.INDEXED_VALUE_TYPE_BOOL);
      Worker worker = env.newWorker(ContinuityNames.TASK_QUEUE, EngineHarness.TEST_WORKER_OPTIONS);
      worker.registerWorkflowImplementationTypes(Workflows.implementationTypes());
      worker.registerActivitiesImplementations(requests);
      env.start();
      String id = "scheduled-drill-ai-platform-2026-11-21T09:00:00Z";
      ScheduledDrillWorkflow w = env.getWorkflowClient().newWorkflowStub(ScheduledDrillWorkflow.class,
          WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(ContinuityNames.TASK_QUEUE).build());
      ScheduledDrillResult result = w.run(INPUT);
      SearchAttributes sa = env.getWorkflowClient().newUntypedWorkflowStub(id).describe().getTypedSearchAttributes();
      if (afterwards != null) afterwards.accept(env.getWorkflowClient(), id);
      return new Run(result, sa, id);
    }
  }

  private static String attribute(Run run, String name) {
    return run.attributes().get(SearchAttributeKey.forKeyword(name));
  }

  @Test
  void aStampBusyWithAFailoverRefusesAndTheRefusalIsTheResultAndThePhase() {
    Run run = run(new AnsweringDrillRequests("stamp ai-platform is running failover ai-platform-failover-1", null, 0), null);
    assertTrue(run.result().refused());
    assertTrue(run.result().refusal().contains("running failover"), run.toString());
    assertNull(run.result().operationId());
    assertEquals("refused", attribute(run, ContinuityNames.SA_PHASE));
    assertEquals("ai-platform", attribute(run, ContinuityNames.SA_STAMP));
    assertEquals(ScheduledDrillWorkflowImpl.OPERATION, attribute(run, ContinuityNames.SA_OPERATION));
  }

  @Test
  void anAcceptedDrillIsFollowedToItsOutcome() {
    Run run = run(new AnsweringDrillRequests(null, Outcome.ABORTED, 0), null);
    assertFalse(run.result().refused());
    assertEquals("ai-platform-drill-1", run.result().operationId());
    assertEquals(Outcome.ABORTED, run.result().outcome());
    assertEquals("aborted", attribute(run, ContinuityNames.SA_PHASE));
  }

  @Test
  void aRetriedRequestCarriesTheSameTriggerSoTheStampJoinsInsteadOfStartingTwoDrills() {
    AnsweringDrillRequests requests = new AnsweringDrillRequests(null, Outcome.SUCCEEDED, 2);
    Run run = run(requests, null);
    assertEquals(Outcome.SUCCEEDED, run.result().outcome());
    assertEquals(3, requests.triggers.size(), requests.triggers.toString());
    assertEquals(1, requests.triggers.stream().distinct().count(), requests.triggers.toString());
    assertTrue(requests.triggers.get(0).startsWith("schedule:drill-ai-platform:" + run.workflowId() + ":"), requests.triggers.toString());
  }
}
