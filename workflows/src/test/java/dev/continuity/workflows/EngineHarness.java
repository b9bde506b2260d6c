package dev.continuity.workflows;

import static org.junit.jupiter.api.Assertions.fail;

import dev.continuity.model.operation.ApprovalRequest;
import dev.continuity.model.operation.DecisionRequest;
import dev.continuity.model.operation.OperationInput;
import dev.continuity.model.operation.OperationTicket;
import dev.continuity.model.operation.OperationRequest;
import dev.continuity.model.operation.OperationResult;
import dev.continuity.model.timeline.EventKind;
import dev.continuity.model.timeline.Timeline;
import dev.continuity.model.timeline.TimelineEvent;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.util.List;
import java.util.function.Predicate;

/**
 * A time-skipping Temporal test server with the real workflow implementations, the scripted
 * actions and the recording report on the Continuity task queue.
 */
final class EngineHarness implements AutoCloseable {
  /**
   * The build machine is shared and often overloaded: a workflow thread that loads classes for
   * the first time can exceed the SDK's 1 s deadlock detection without any deadlock.
   */
  static final WorkerOptions TEST_WORKER_OPTIONS = WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(15_000).build();

  final TestWorkflowEnvironment env;
  final WorkflowClient client;
  final ScriptedActions actions = new ScriptedActions();
  final RecordingReport report = new RecordingReport();
  final RecordingNotifications notifications = new RecordingNotifications();
  private int started;

  EngineHarness() {
    env = TestWorkflowEnvironment.newInstance();
    env.registerSearchAttribute(ContinuityNames.SA_STAMP, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    env.registerSearchAttribute(ContinuityNames.SA_OPERATION, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    env.registerSearchAttribute(ContinuityNames.SA_PHASE, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    env.registerSearchAttribute(ContinuityNames.SA_AWAITING_APPROVAL, IndexedValueType.INDEXED_VALUE_TYPE_BOOL);
    Worker worker = env.newWorker(ContinuityNames.TASK_QUEUE, TEST_WORKER_OPTIONS);
    worker.registerWorkflowImplementationTypes(Workflows.implementationTypes());
    worker.registerActivitiesImplementations(actions, report, notifications);
    client = env.getWorkflowClient();
    env.start();
  }

  /** Starts the plan's operation directly (without a stamp) and returns its stub. */
  RecoveryOperation start(OperationRequest request) {
    String id = "op-" + request.plan().mode().text() + "-" + (++started);
    WorkflowOptions options = WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(ContinuityNames.TASK_QUEUE).build();
    OperationInput input = new OperationInput(id, request);
    switch (request.plan().mode()) {
      case FAILOVER -> {
        FailoverWorkflow w = client.newWorkflowStub(FailoverWorkflow.class, options);
        WorkflowClient.start(w::run, input);
        return w;
      }
      case FAILBACK -> {
        FailbackWorkflow w = client.newWorkflowStub(FailbackWorkflow.class, options);
        WorkflowClient.start(w::run, input);
        return w;
      }
      default -> {
        DrillWorkflow w = client.newWorkflowStub(DrillWorkflow.class, options);
        WorkflowClient.start(w::run, input);
        return w;
      }
    }
  }

  /** Waits for the result; the test server skips time (timers, retry backoff) meanwhile. */
  static OperationResult result(RecoveryOperation op) {
    return WorkflowStub.fromTyped(op).getResult(OperationResult.class);
  }

  static SearchAttributes searchAttributes(Object stub) {
    return WorkflowStub.fromTyped(stub).describe().getTypedSearchAttributes();
  }

  /** Polls the timeline query in real time (no time skipping) until the condition holds. */
  static Timeline awaitTimeline(RecoveryOperation op, Predicate<Timeline> condition, String what) {
    long deadline = System.currentTimeMillis() + 30_000;
    Timeline last = null;
    while (System.currentTimeMillis() < deadline) {
      last = op.timeline();
      if (last != null && condition.test(last)) return last;
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    fail("timed out waiting for " + what + "; phase " + (last == null ? null : last.phase));
    return null;
  }

  static Timeline awaitPhase(RecoveryOperation op, String phase) {
    return awaitTimeline(op, t -> phase.equals(t.phase), "phase " + phase);
  }

  static List<TimelineEvent> events(Timeline t, EventKind kind) {
    return t.events.stream().filter(e -> e.kind() == kind).toList();
  }

  /** Sends an update and waits for its result; a refusal by the validator throws WorkflowUpdateException. */
  static <R> R update(Object typedStub, String updateName, Class<R> resultClass, Object argument) {
    return WorkflowStub.fromTyped(typedStub).update(updateName, resultClass, argument);
  }

  static String approve(RecoveryOperation op, ApprovalRequest request) {
    return update(op, "approve", String.class, request);
  }

  static String decide(RecoveryOperation op, DecisionRequest request) {
    return update(op, "decide", String.class, request);
  }

  /**
   * Sends a request to the stamp as OperationStarter does: a request that reaches the stamp just
   * as it continues as new finds no run to take it ("not found"), and is sent again. A repeat with
   * the same trigger id is joined, so the retry cannot start a second operation.
   */
  static OperationTicket request(StampWorkflow stamp, OperationRequest request) {
    for (int attempt = 1; ; attempt++) {
      try {
        return update(stamp, "request", OperationTicket.class, request);
      } catch (io.temporal.client.WorkflowNotFoundException e) {
        if (attempt >= 5) throw e;
        try {
          Thread.sleep(200L * attempt);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  @Override
  public void close() {
    env.close();
  }
}
