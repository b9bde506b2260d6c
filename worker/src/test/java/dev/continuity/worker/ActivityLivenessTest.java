package dev.continuity.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An activity that cannot heartbeat (one blocking call) outlives its heartbeat timeout on a healthy
 * worker, and an activity's own heartbeat details (a long-running action's checkpoint) survive the
 * background beats. Real time (no time skipping), on the SDK's test server.
 */
class ActivityLivenessTest {
  private static final String QUEUE = "liveness";
  private static final Duration HEARTBEAT = Duration.ofSeconds(1);

  @ActivityInterface
  public interface Work {
    /** Blocks for {@code millis} without heartbeating. */
    @ActivityMethod
    String block(int millis);

    /** Attempt 1 heartbeats a checkpoint, blocks, then fails; attempt 2 returns the checkpoint it finds. */
    @ActivityMethod
    String checkpointThenFail(int millis);
  }

  public static class WorkImpl implements Work {
    @Override
    public String block(int millis) {
      sleep(millis);
      return "done";
    }

    @Override
    public String checkpointThenFail(int millis) {
      var context = Activity.getExecutionContext();
      if (context.getInfo().getAttempt() > 1) return context.getHeartbeatDetails(String.class).orElse("no checkpoint");
      context.heartbeat("operation-42");
      sleep(millis);
      throw ApplicationFailure.newFailure("a transient failure after the checkpoint", "Transient");
    }

    private static void sleep(int millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @WorkflowInterface
  public interface Runner {
    @WorkflowMethod
    String run(String which, int millis);
  }

  public static class RunnerImpl implements Runner {
    @Override
    public String run(String which, int millis) {
      Work work = Workflow.newActivityStub(Work.class, ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setHeartbeatTimeout(HEARTBEAT)
          .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofMillis(100)).setMaximumAttempts(2).build())
          .build());
      try {
        return which.equals("block") ? work.block(millis) : work.checkpointThenFail(millis);
      } catch (ActivityFailure f) {
        return f.getCause() instanceof TimeoutFailure t ? "timed out: " + t.getTimeoutType() : "failed: " + f.getCause();
      }
    }
  }

  private static String run(List<WorkerInterceptor> interceptors, String which, int millis) {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setUseTimeskipping(false)
        .setWorkerFactoryOptions(WorkerFactoryOptions.newBuilder().setWorkerInterceptors(interceptors.toArray(new WorkerInterceptor[0])).build())
        .build())) {
      Worker worker = env.newWorker(QUEUE);
      worker.registerWorkflowImplementationTypes(RunnerImpl.class);
      worker.registerActivitiesImplementations(new WorkImpl());
      env.start();
      return env.getWorkflowClient().newWorkflowStub(Runner.class, WorkflowOptions.newBuilder().setTaskQueue(QUEUE).build())
          .run(which, millis);
    }
  }

  @Test
  void aBlockingActivityOutlivesItsHeartbeatTimeoutOnAHealthyWorker() {
    assertEquals("done", run(ContinuityWorker.interceptors(List.of()), "block", 3_500));
  }

  @Test
  void withoutTheLivenessBeatsTheSameActivityTimesOut() {
    // The control: what ActivityLiveness prevents (and what a dead worker should get).
    String outcome = run(List.of(), "block", 3_500);
    assertTrue(outcome.contains("HEARTBEAT"), outcome);
  }

  @Test
  void theActivitysOwnCheckpointIsWhatTheBackgroundResends() {
    // Attempt 1 blocks past the heartbeat timeout after its checkpoint: alive thanks to the beats,
    // which must carry "operation-42", not null, or attempt 2 would not find it.
    assertEquals("operation-42", run(ContinuityWorker.interceptors(List.of()), "checkpointThenFail", 3_500));
  }
}
