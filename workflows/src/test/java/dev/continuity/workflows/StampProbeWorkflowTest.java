package dev.continuity.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.model.estate.Severity;
import dev.continuity.model.plan.ResourceRef;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The probe loop on the time-skipping test server, with scripted probe rounds: K failed rounds in
 * a row raise one alarm per outage, flapping and broken probes raise none, timers space the rounds,
 * and the streak survives continue-as-new.
 */
class StampProbeWorkflowTest {
  // Long, because the test server skips it anyway: the real time a loaded machine takes to dispatch a
  // round must stay far below it, so rounds never run early or late against the test's steps.
  static final Duration INTERVAL = Duration.ofMinutes(1);
  static final ResourceRef PROBE = new ResourceRef("health", "healthProbe", null, null,
      Map.of("endpoints", Map.of("eastus2", "http://e.example/health", "westus2", "http://w.example/health"),
          "vantagePoints", List.of("centralus", "westus3", "northeurope")));

  TestWorkflowEnvironment env;
  private ScriptedProbeRounds probes;
  private final RecordingAlarms alarms = new RecordingAlarms();

  static ProbeLoopInput input(int k, int roundsPerRun) {
    return new ProbeLoopInput("ai-platform", PROBE, "eastus2", "westus2", INTERVAL, k, 2, Severity.Sev1, roundsPerRun, null);
  }

  StampProbeWorkflow start(String script, char rest, ProbeLoopInput input) {
    env = TestWorkflowEnvironment.newInstance();
    probes = new ScriptedProbeRounds(script, rest, env::currentTimeMillis);
    Worker worker = env.newWorker(ContinuityNames.TASK_QUEUE, EngineHarness.TEST_WORKER_OPTIONS);
    worker.registerWorkflowImplementationTypes(StampProbeWorkflowImpl.class);
    worker.registerActivitiesImplementations(probes, alarms);
    env.start();
    StampProbeWorkflow loop = env.getWorkflowClient().newWorkflowStub(StampProbeWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(ContinuityNames.probeWorkflowId(input.stamp())).setTaskQueue(ContinuityNames.TASK_QUEUE).build());
    WorkflowClient.start(loop::run, input);
    return loop;
  }

  /** Lets test time pass until the loop has finished {@code rounds} rounds, then stops it. */
  ProbeLoopStatus runRounds(StampProbeWorkflow loop, int rounds) {
    StampProbeWorkflow byId = env.getWorkflowClient().newWorkflowStub(StampProbeWorkflow.class, ContinuityNames.probeWorkflowId("ai-platform"));
    for (int i = 0; i < rounds * 4 && probes.rounds.size() < rounds; i++) env.sleep(INTERVAL);
    // The loop stops between rounds; rounds past the wanted ones may start before it does.
    byId.stop("test");
    return WorkflowStub.fromTyped(byId).getResult(ProbeLoopStatus.class);
  }

  @AfterEach
  void close() {
    if (env != null) env.close();
  }

  @Test
  void kFailedRoundsInARowRaiseOneAlarmPerOutageAndTheLoopKeepsWatching() {
    // rounds: 1 up, 2-7 down (alarm at 4), 8 up (outage over), 9-11 down (second alarm at 11), then down.
    StampProbeWorkflow loop = start("UDDDDDDUDDD", 'D', input(3, 500));
    ProbeLoopStatus end = runRounds(loop, 16);
    assertEquals(2, alarms.raised.size(), alarms.raised.toString());
    assertEquals(2, end.alarms());
    DetectedOutage first = alarms.raised.get(0);
    assertEquals("ai-platform", first.stamp());
    assertEquals("eastus2", first.region());
    assertEquals(Severity.Sev1, first.severity());
    assertTrue(first.reason().startsWith("detected by probe loop: eastus2 failed 3 rounds in a row (every 60 s)"), first.reason());
    assertTrue(first.triggerId().endsWith(":4"), first.triggerId());
    assertTrue(alarms.raised.get(1).triggerId().endsWith(":11"), alarms.raised.get(1).triggerId());
    assertNotEquals(first.triggerId(), alarms.raised.get(1).triggerId());
    assertTrue(end.raised());
    assertTrue(end.stopping());
    assertTrue(end.lastAlarm().startsWith("joined ai-platform-failover-1"), end.lastAlarm());
  }

  @Test
  void flappingBelowKRaisesNothing() {
    start("DDUDDUDUDDU", 'U', input(3, 500));
    ProbeLoopStatus end = runRounds(null, 14);
    assertEquals(List.of(), alarms.raised);
    assertEquals(0, end.alarms());
    assertTrue(end.rounds() >= 14, end.toString());
  }

  @Test
  void aRoundTheProbeCannotRunBreaksTheStreak() {
    start("DDEDDEDD", 'U', input(3, 500));
    ProbeLoopStatus end = runRounds(null, 10);
    assertEquals(List.of(), alarms.raised);
    assertEquals(0, end.failedInARow());
  }

  @Test
  void roundsAreOneIntervalApartAndAskOneCheckPerVantagePointWithTheQuorum() {
    start("", 'U', input(3, 500));
    runRounds(null, 4);
    List<ScriptedProbeRounds.Seen> seen = probes.rounds;
    for (int i = 1; i < 4; i++) {
      long gap = seen.get(i).atMillis() - seen.get(i - 1).atMillis();
      // Rounds start one interval apart; the double reads the clock when its activity runs, a little after.
      assertTrue(Math.abs(gap - INTERVAL.toMillis()) < 30_000, "gap " + gap + " ms between rounds " + i + " and " + (i + 1));
    }
    var request = seen.get(0).request();
    assertEquals("probe.regionDown", request.action());
    assertEquals("health", request.target().name());
    assertEquals("eastus2", request.param("region"));
    assertEquals("1", request.param("consecutiveFailures"));
    assertEquals("2", request.param("quorum"));
    assertEquals("probe-ai-platform", request.operationId());
  }

  @Test
  void theStreakSurvivesContinueAsNewAndOneOutageStillRaisesOnce() {
    // Two rounds per run: the 3 failed rounds (2-4) span two runs, and rounds 5-9 three more.
    start("UDDDDDDDD", 'D', input(3, 2));
    String firstRun = env.getWorkflowClient().newUntypedWorkflowStub(ContinuityNames.probeWorkflowId("ai-platform")).describe()
        .getExecution().getRunId();
    ProbeLoopStatus end = runRounds(null, 9);
    assertEquals(1, alarms.raised.size(), alarms.raised.toString());
    assertTrue(alarms.raised.get(0).triggerId().endsWith(":4"), alarms.raised.get(0).triggerId());
    assertTrue(end.rounds() >= 9, end.toString());
    String lastRun = env.getWorkflowClient().newUntypedWorkflowStub(ContinuityNames.probeWorkflowId("ai-platform")).describe()
        .getExecution().getRunId();
    assertNotEquals(firstRun, lastRun, "the loop continued as new");
  }
}
