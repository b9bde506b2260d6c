package dev.continuity.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.continuity.model.plan.PlanStep;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Every step's attempt has a heartbeat timeout, short actions included: that, not the step's
 * start-to-close of minutes, is how long a step waits when its worker dies (the worker heartbeats
 * for actions that cannot, see the worker's ActivityLiveness).
 */
class StepActionOptionsTest {
  private static PlanStep withTimeout(String action, Duration timeout) {
    PlanStep s = TestPlans.step("s", action);
    return new PlanStep(s.id(), s.phase(), s.description(), s.action(), s.target(), s.params(), s.dependsOn(), s.retry(),
        timeout, null, s.expected());
  }

  @Test
  void aShortActionWithMinutesToRunIsStillWatchedEveryThirtySeconds() {
    var options = StepActions.options(withTimeout("trafficManager.setEndpointPriority", Duration.ofMinutes(10)));
    assertEquals(Duration.ofMinutes(10), options.getStartToCloseTimeout());
    assertEquals(Duration.ofSeconds(30), options.getHeartbeatTimeout());
  }

  @Test
  void aLongRunningActionToo() {
    assertEquals(Duration.ofSeconds(30), StepActions.options(withTimeout("storage.failover", Duration.ofMinutes(30))).getHeartbeatTimeout());
  }

  @Test
  void aStepShorterThanThatIsWatchedForItsOwnTimeout() {
    assertEquals(Duration.ofSeconds(6), StepActions.options(withTimeout("dns.setRecordTarget", Duration.ofSeconds(6))).getHeartbeatTimeout());
  }

  @Test
  void theReportIsWatchedLikeAStep() {
    assertEquals(Duration.ofSeconds(30), OperationReport.OPTIONS.getHeartbeatTimeout());
  }
}
