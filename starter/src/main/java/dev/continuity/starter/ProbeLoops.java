package dev.continuity.starter;

import dev.continuity.model.config.Estate;
import dev.continuity.model.config.EstateException;
import dev.continuity.model.config.Problem;
import dev.continuity.model.estate.Detection;
import dev.continuity.model.estate.Resource;
import dev.continuity.model.estate.ResourceKinds;
import dev.continuity.model.estate.Stamp;
import dev.continuity.model.plan.ResourceRef;
import dev.continuity.workflows.ContinuityNames;
import dev.continuity.workflows.ProbeLoopInput;
import dev.continuity.workflows.ProbeLoopStatus;
import dev.continuity.workflows.StampProbeWorkflow;
import io.grpc.Status;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Starts, stops and reads the probe loops of stamps ({@link StampProbeWorkflow}, id {@code probe-<stamp>}). */
public final class ProbeLoops {
  /** A loop as the server knows it: running or ended, and its last status (null before its first round). */
  public record Loop(String workflowId, boolean running, ProbeLoopStatus status) {}

  private final WorkflowClient client;

  public ProbeLoops(WorkflowClient client) {
    this.client = client;
  }

  /** The loop's input from the stamp's inventory entry: its healthProbe resource and detection block. */
  public static ProbeLoopInput inputFor(Estate estate, String stampName) throws EstateException {
    Stamp stamp = estate.inventory().stamp(stampName);
    if (stamp == null) {
      List<String> names = estate.inventory().stamps().stream().map(Stamp::name).toList();
      throw problem("unknown stamp '" + stampName + "' (stamps: " + String.join(", ", names) + ")");
    }
    Detection d = stamp.detection() == null ? Detection.DEFAULT : stamp.detection();
    List<Resource> probes = stamp.resources().values().stream().filter(r -> ResourceKinds.HEALTH_PROBE.equals(r.kind())).toList();
    Resource probe;
    if (d.probe() != null) {
      probe = stamp.resource(d.probe());
    } else if (probes.size() == 1) {
      probe = probes.get(0);
    } else if (probes.isEmpty()) {
      throw problem("stamp " + stampName + " has no resource of kind healthProbe: add one with properties.endpoints (region -> health URL)"
          + " and properties.vantagePoints, so the loop knows what to probe");
    } else {
      throw problem("stamp " + stampName + " has several healthProbe resources (" + String.join(", ", probes.stream().map(Resource::name).toList())
          + "): name one in the stamp's detection.probe");
    }
    ResourceRef ref = new ResourceRef(probe.name(), probe.kind(), probe.id(), probe.region(), probe.properties());
    return new ProbeLoopInput(stamp.name(), ref, stamp.primaryRegion(), stamp.secondaryRegion(), d.interval(), d.consecutiveFailures(),
        d.quorum(), d.severity(), ProbeLoopInput.DEFAULT_ROUNDS_PER_RUN, null);
  }

  private static EstateException problem(String message) {
    return new EstateException(new Problem(null, 0, null, message));
  }

  /**
   * What a running loop did with new settings: took them over ({@code changes} says what changed,
   * empty when nothing did, and {@code status} its status after), or refused them ({@code refusal}:
   * why, the loop goes on as it was).
   */
  public record Reconfigured(boolean applied, List<String> changes, String refusal, ProbeLoopStatus status) {}

  /**
   * Starts the stamp's loop; false when one already runs (it keeps its settings: hand it the edited
   * ones with {@link #reconfigure}).
   */
  public boolean start(ProbeLoopInput input) {
    StampProbeWorkflow loop = client.newWorkflowStub(StampProbeWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(ContinuityNames.probeWorkflowId(input.stamp()))
        .setTaskQueue(ContinuityNames.TASK_QUEUE)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
        .build());
    try {
      WorkflowClient.start(loop::run, input);
      return true;
    } catch (WorkflowExecutionAlreadyStarted running) {
      return false;
    }
  }

  /**
   * Hands the stamp's running loop the settings of {@code input} (the stamp's edited detection
   * block); it takes them over between rounds and answers then, or refuses them at once. Waits at
   * most {@code wait} for a worker to answer: the loop runs on the worker, not here.
   */
  public Reconfigured reconfigure(ProbeLoopInput input, Duration wait) {
    String id = ContinuityNames.probeWorkflowId(input.stamp());
    WorkflowStub stub = client.newUntypedWorkflowStub(id);
    CompletableFuture<List<String>> answer = CompletableFuture.supplyAsync(() -> {
      @SuppressWarnings("unchecked")
      List<String> changes = stub.update("reconfigure", List.class, input);
      return changes;
    });
    try {
      List<String> changes = answer.get(wait.toMillis(), TimeUnit.MILLISECONDS);
      return new Reconfigured(true, changes, null, stub.query("status", ProbeLoopStatus.class));
    } catch (TimeoutException e) {
      answer.cancel(true);
      return new Reconfigured(false, List.of(), "no worker answered within " + wait.toSeconds() + " s (is a worker running?); "
          + "the loop keeps its settings until it takes the change over", null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reconfiguring " + id, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof WorkflowUpdateException) return new Reconfigured(false, List.of(), Failures.reason(cause), null);
      if (Failures.notFound(cause) || Failures.status(cause) == Status.Code.FAILED_PRECONDITION) {
        return new Reconfigured(false, List.of(), "the probe loop " + id + " is not running (any more)", null);
      }
      if (cause instanceof RuntimeException re) throw re;
      throw new IllegalStateException(cause);
    }
  }

  /** Asks the stamp's loop to stop after its current round; false when none runs. */
  public boolean stop(String stamp, String by) {
    Optional<Loop> loop = loop(stamp);
    if (loop.isEmpty() || !loop.get().running()) return false;
    client.newUntypedWorkflowStub(ContinuityNames.probeWorkflowId(stamp)).signal("stop", by);
    return true;
  }

  /** The stamp's loop, running or ended; empty when it never ran. */
  public Optional<Loop> loop(String stamp) {
    String id = ContinuityNames.probeWorkflowId(stamp);
    WorkflowStub stub = client.newUntypedWorkflowStub(id);
    try {
      WorkflowExecutionStatus s = stub.describe().getStatus();
      boolean running = s == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
      ProbeLoopStatus status = running ? stub.query("status", ProbeLoopStatus.class)
          : s == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED ? stub.getResult(ProbeLoopStatus.class) : null;
      return Optional.of(new Loop(id, running, status));
    } catch (RuntimeException e) {
      if (Failures.notFound(e)) return Optional.empty();
      throw e;
    }
  }
}
