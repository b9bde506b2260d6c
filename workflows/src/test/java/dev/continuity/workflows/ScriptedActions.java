package dev.continuity.workflows;

import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.activity.DynamicActivity;
import io.temporal.common.converter.EncodedValues;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test double for every action: one dynamic activity that answers any activity type, records each
 * call with its wall-clock start and end, and can be told per step to take time, fail a number of
 * times, fail always (optionally non-retryable) or report facts.
 */
public class ScriptedActions implements DynamicActivity {

  public record Call(String action, String step, int attempt, long startMillis, long endMillis) {}

  private final List<Call> calls = new ArrayList<>();
  private final Map<String, Long> delays = new ConcurrentHashMap<>();
  private final Map<String, Integer> failuresLeft = new ConcurrentHashMap<>();
  private final Map<String, Boolean> alwaysFail = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Object>> facts = new ConcurrentHashMap<>();

  public ScriptedActions delay(String step, long millis) {
    delays.put(step, millis);
    return this;
  }

  public ScriptedActions failTimes(String step, int times) {
    failuresLeft.put(step, times);
    return this;
  }

  /** Fails every call of the step; non-retryable failures skip the retry policy. */
  public ScriptedActions failAlways(String step, boolean nonRetryable) {
    alwaysFail.put(step, nonRetryable);
    return this;
  }

  public ScriptedActions stopFailing(String step) {
    alwaysFail.remove(step);
    failuresLeft.remove(step);
    return this;
  }

  public ScriptedActions facts(String step, Map<String, Object> values) {
    facts.put(step, values);
    return this;
  }

  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  public List<Call> calls(String step) {
    return calls().stream().filter(c -> c.step().equals(step)).toList();
  }

  @Override
  public Object execute(EncodedValues args) {
    ActivityInfo info = Activity.getExecutionContext().getInfo();
    ActionRequest request = args.get(0, ActionRequest.class);
    String step = request.stepId();
    long start = System.currentTimeMillis();
    long delay = delays.getOrDefault(step, 0L);
    if (delay > 0) {
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (this) {
      calls.add(new Call(info.getActivityType(), step, info.getAttempt(), start, System.currentTimeMillis()));
    }
    Boolean nonRetryable = alwaysFail.get(step);
    if (nonRetryable != null) {
      String message = request.action() + " failed on " + step;
      throw nonRetryable ? ApplicationFailure.newNonRetryableFailure(message, "ScriptedFailure") : ApplicationFailure.newFailure(message, "ScriptedFailure");
    }
    Integer left = failuresLeft.get(step);
    if (left != null && left > 0) {
      failuresLeft.put(step, left - 1);
      throw ApplicationFailure.newFailure(request.action() + " failed on " + step + " (attempt " + info.getAttempt() + ")", "ScriptedFailure");
    }
    return new ActionResult(true, info.getActivityType() + " done for " + step, facts.getOrDefault(step, Map.of()));
  }
}
