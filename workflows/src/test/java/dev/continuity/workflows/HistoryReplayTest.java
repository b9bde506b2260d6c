package dev.continuity.workflows;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every recorded history must replay against the current workflow code (DESIGN rule 1): a change
 * that would break a running failover fails here with a nondeterminism error. Record new ones with
 * {@link HistoryRecorder}; a behaviour change needs Workflow.getVersion so these still replay.
 */
class HistoryReplayTest {

  @ParameterizedTest
  @ValueSource(strings = {"stamp.json", "failover.json", "failback.json", "drill.json", "failover-notifications.json",
      "scheduled-drill.json", "scheduled-drill-refused.json",
      "probe-loop.json", "probe-loop-reconfigured.json"})
  void recordedHistoryReplays(String file) throws Exception {
    Path path = HistoryRecorder.DIR.resolve(file);
    assertTrue(Files.exists(path), "missing recorded history " + path);
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker(ContinuityNames.TASK_QUEUE, EngineHarness.TEST_WORKER_OPTIONS);
      worker.registerWorkflowImplementationTypes(Workflows.implementationTypes());
      WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(Files.readString(path)), worker);
    }
  }
}
