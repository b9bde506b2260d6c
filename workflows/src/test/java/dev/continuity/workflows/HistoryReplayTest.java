package dev.continuity.workflows;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.testing.WorkflowReplayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every recorded history must replay against the current workflow code (DESIGN rule 1): a change
 * that would break a running failover fails here with a nondeterminism error. Record new ones with
 * {@link HistoryRecorder}; a behaviour change needs Workflow.getVersion so these still replay.
 */
class HistoryReplayTest {

  @ParameterizedTest
  @ValueSource(strings = {"stamp.json", "failover.json", "failback.json", "drill.json"})
  void recordedHistoryReplays(String file) throws Exception {
    Path path = HistoryRecorder.DIR.resolve(file);
    assertTrue(Files.exists(path), "missing recorded history " + path);
    Class<?>[] types = Workflows.implementationTypes();
    WorkflowReplayer.replayWorkflowExecution(Files.readString(path), types[0], Arrays.copyOfRange(types, 1, types.length));
  }
}
