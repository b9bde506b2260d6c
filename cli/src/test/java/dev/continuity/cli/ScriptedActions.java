package dev.continuity.cli;

import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.Facts;
import io.temporal.activity.Activity;
import io.temporal.activity.DynamicActivity;
import io.temporal.common.converter.EncodedValues;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test double of every action (test sources only): answers any activity type, confirms outages,
 * reports no replication lag, and fails the steps it is told to fail.
 */
public class ScriptedActions implements DynamicActivity {
  private final Set<String> failing = ConcurrentHashMap.newKeySet();
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private volatile boolean outageConfirmed = true;

  /** Every attempt of the step fails, non-retryably, so it waits for a decision at once. */
  public ScriptedActions fail(String step) {
    failing.add(step);
    return this;
  }

  public ScriptedActions outageConfirmed(boolean confirmed) {
    outageConfirmed = confirmed;
    return this;
  }

  public List<String> calls() {
    return List.copyOf(calls);
  }

  @Override
  public Object execute(EncodedValues args) {
    ActionRequest request = args.get(0, ActionRequest.class);
    String type = Activity.getExecutionContext().getInfo().getActivityType();
    calls.add(request.stepId());
    if (failing.contains(request.stepId())) {
      throw ApplicationFailure.newNonRetryableFailure(type + " refused by the test double", "ScriptedFailure");
    }
    Map<String, Object> facts = switch (type) {
      case "probe.regionDown" -> Map.of(Facts.OUTAGE_CONFIRMED, outageConfirmed);
      case "cosmos.readReplication", "storage.readLastSync" -> Map.of(Facts.EXPECTED_DATA_LOSS_SECONDS, 0);
      default -> Map.of();
    };
    return new ActionResult(true, type + " done", facts);
  }
}
