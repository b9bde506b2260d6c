package dev.continuity.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.model.operation.StampSettings;
import dev.continuity.model.operation.StampState;
import dev.continuity.workflows.ContinuityNames;
import dev.continuity.workflows.StampWorkflow;
import dev.continuity.workflows.Workflows;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ContinuityWorkerTest {

  @Test
  void refusesToStartWithoutWorkflows() {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new ContinuityWorker(env.getWorkflowClient(), List.of(), List.of()));
      assertTrue(e.getMessage().contains("no workflow implementations"), e.getMessage());
    }
  }

  @Test
  void runsTheStampEntityOnTheContinuityTaskQueueUntilClosed() throws Exception {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      env.registerSearchAttribute(ContinuityNames.SA_STAMP, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
      env.registerSearchAttribute(ContinuityNames.SA_OPERATION, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
      env.registerSearchAttribute(ContinuityNames.SA_PHASE, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
      env.registerSearchAttribute(ContinuityNames.SA_AWAITING_APPROVAL, IndexedValueType.INDEXED_VALUE_TYPE_BOOL);
      ContinuityWorker worker = new ContinuityWorker(env.getWorkflowClient(), Workflows.IMPLEMENTATIONS, List.of());
      worker.start();
      CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
        try {
          worker.awaitTermination();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });

      StampWorkflow stamp = env.getWorkflowClient().newWorkflowStub(StampWorkflow.class, WorkflowOptions.newBuilder()
          .setWorkflowId(ContinuityNames.stampWorkflowId("web-api")).setTaskQueue(ContinuityNames.TASK_QUEUE).build());
      WorkflowClient.start(stamp::run, new StampSettings("web-api", "eastus", "westus", Duration.ofMinutes(30), null));
      StampState state = null;
      long deadline = System.currentTimeMillis() + 10_000;
      while (state == null && System.currentTimeMillis() < deadline) {
        try {
          state = stamp.state();
        } catch (RuntimeException notYet) {
          Thread.sleep(50);
        }
      }
      assertEquals("eastus", state.activeRegion());

      worker.close();
      waiting.get(15, TimeUnit.SECONDS);
    }
  }
}
