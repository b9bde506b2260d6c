package dev.continuity.activities;

import com.fasterxml.jackson.databind.JsonNode;
import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.ChaosActions;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Chaos Studio experiments: a drill starts the experiment that injects the outage it rehearses, and
 * cancels it to end the outage.
 *
 * <p>Desired state is read from the experiment's executions: start only when none is running, cancel
 * only when one is. Start and cancel are ARM long-running operations (202 + Azure-AsyncOperation),
 * followed and resumed like every other one. No Chaos Studio SDK artifact resolves on this build's
 * mirror, so the calls go through {@link GenericArm} on the SDK's pipeline.
 */
public final class ChaosActivities implements ChaosActions {
  static final String ROLE = "a role with Microsoft.Chaos/experiments/read, Microsoft.Chaos/experiments/start/action, "
      + "Microsoft.Chaos/experiments/cancel/action and Microsoft.Chaos/experiments/executions/read on the experiment "
      + "(its own managed identity needs rights on the targets it faults)";
  /** First stable api-version with the executions API (the older statuses API is retired). */
  static final String API_VERSION = "2024-01-01";
  /** Execution states that mean "not running"; every other one (queued, running, cancelling...) is running. */
  private static final Set<String> ENDED = Set.of("success", "succeeded", "failed", "cancelled", "canceled");

  private final AzureClients clients;
  private final ResumableOperation operations;

  public ChaosActivities(AzureClients clients, ActivitiesConfig config) {
    this.clients = clients;
    this.operations = new ResumableOperation(clients.pipeline(), config);
  }

  @Override
  public ActionResult startExperiment(ActionRequest request) {
    ArmId id = ArmId.of(request);
    var pending = ResumableOperation.pending(request.action(), id.id());
    int before = -1;
    if (pending.isPresent()) {
      operations.resume(pending.get(), ROLE);
    } else {
      Executions now = executions(id);
      if (now.running() != null) {
        return new ActionResult(false, "experiment " + id.name() + " is already running (execution " + now.running()
            + ", " + now.runningStatus() + ")", now.facts());
      }
      before = now.count();
      operations.start(request.action(), id.id(), ROLE, GenericArm.action(clients, id, "start", API_VERSION, ROLE));
    }
    Executions after = executions(id);
    // A short experiment may have ended already; a new execution still proves this start took effect.
    if (after.running() == null && (before < 0 || after.count() <= before)) {
      throw AzureCall.notConverged("experiment " + id.name() + " shows no running or new execution after the start");
    }
    return new ActionResult(true, "experiment " + id.name() + " started"
        + (after.running() == null ? " and already ended" : " (execution " + after.running() + ", " + after.runningStatus() + ")"),
        after.facts());
  }

  @Override
  public ActionResult cancelExperiment(ActionRequest request) {
    ArmId id = ArmId.of(request);
    var pending = ResumableOperation.pending(request.action(), id.id());
    if (pending.isPresent()) {
      operations.resume(pending.get(), ROLE);
    } else {
      Executions now = executions(id);
      if (now.running() == null) {
        return new ActionResult(false, "experiment " + id.name() + " has no running execution", now.facts());
      }
      operations.start(request.action(), id.id(), ROLE, GenericArm.action(clients, id, "cancel", API_VERSION, ROLE));
    }
    Executions after = executions(id);
    if (after.running() != null) {
      throw AzureCall.notConverged("experiment " + id.name() + " still runs (execution " + after.running() + ", "
          + after.runningStatus() + ") after the cancel");
    }
    return new ActionResult(true, "experiment " + id.name() + " cancelled", after.facts());
  }

  /** What the experiment's executions say: how many, and the one still running (or null). */
  private record Executions(int count, String running, String runningStatus, String lastStatus) {
    Map<String, Object> facts() {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("executions", count);
      f.put("running", running != null);
      if (lastStatus != null) f.put("lastStatus", lastStatus);
      return f;
    }
  }

  private Executions executions(ArmId id) {
    JsonNode list = GenericArm.get(clients, id, "executions", API_VERSION, ROLE).path("value");
    int count = 0;
    String running = null;
    String runningStatus = null;
    String last = null;
    String lastStart = null;
    for (JsonNode e : list) {
      count++;
      String status = GenericArm.text(e, "properties", "status");
      String started = GenericArm.text(e, "properties", "startedAt");
      if (status != null && !ENDED.contains(status.toLowerCase(Locale.ROOT))) {
        running = GenericArm.text(e, "name");
        runningStatus = status;
      }
      if (last == null || (started != null && (lastStart == null || started.compareTo(lastStart) > 0))) {
        last = status;
        lastStart = started;
      }
    }
    return new Executions(count, running, runningStatus, last);
  }
}
