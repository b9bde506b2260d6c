package dev.continuity.activities;

import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.plan.ResourceRef;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assertions;

/** Runs activities inside Temporal's TestActivityEnvironment against a {@link CannedArm}. */
final class ActivityHarness implements AutoCloseable {
  static final String SUB = "00000000-0000-0000-0000-000000000000";

  final TestActivityEnvironment env = TestActivityEnvironment.newInstance();
  final ActivitiesConfig config;
  final AzureClients clients;

  /** Canned responses answer at once, so the activities' own pauses (best-effort retries) are scaled to milliseconds. */
  ActivityHarness(CannedArm arm) {
    this(ActivitiesConfig.emulator(arm.endpoint(), 0.001).withPolling(Duration.ofMillis(5), Duration.ofSeconds(2)));
  }

  ActivityHarness(ActivitiesConfig config) {
    this.config = config;
    this.clients = new AzureClients(config);
  }

  ActivityHarness register(Object... activities) {
    env.registerActivitiesImplementations(activities);
    return this;
  }

  <T> T stub(Class<T> iface) {
    return env.newActivityStub(iface, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .build());
  }

  static ActionRequest request(String action, String kind, String id, Map<String, Object> params) {
    return request(action, new ResourceRef("res", kind, id, "eastus2", Map.of()), params, "eastus2", "westus2", true);
  }

  static ActionRequest request(String action, ResourceRef target, Map<String, Object> params, String from, String to, boolean planned) {
    return new ActionRequest("op-1", "step-1", action, target, params, "ai-platform", from, to, planned);
  }

  /** The ApplicationFailure an activity call failed with. */
  static ApplicationFailure failure(Runnable call) {
    ActivityFailure f = Assertions.assertThrows(ActivityFailure.class, call::run);
    Assertions.assertInstanceOf(ApplicationFailure.class, f.getCause(), () -> "cause: " + f.getCause());
    return (ApplicationFailure) f.getCause();
  }

  @Override
  public void close() {
    env.close();
  }
}
