package dev.continuity.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.model.estate.Severity;
import dev.continuity.model.plan.ResourceRef;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
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
  private String firstRunId;

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
    firstRunId = WorkflowClient.start(loop::run, input).getRunId();
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

  static ProbeLoopInput changed(ProbeLoopInput in, String primary, String secondary, Duration interval, int k, Integer quorum) {
    return new ProbeLoopInput(in.stamp(), in.probe(), primary, secondary, interval, k, quorum, in.severity(), in.roundsPerRun(), null);
  }

  /** Lets test time pass in half intervals until the loop has finished {@code rounds} rounds (the next is then at least half an interval away). */
  void awaitRounds(int rounds) {
    for (int i = 0; i < rounds * 8 && probes.rounds.size() < rounds; i++) env.sleep(INTERVAL.dividedBy(2));
    assertTrue(probes.rounds.size() >= rounds, "rounds so far: " + probes.rounds.size());
  }

  @Test
  void aLowerKTakesEffectOnTheRunningLoopAndContinueAsNewCarriesIt() {
    // K 3 -> 2 after round 1; two rounds per run, so rounds 3 on run in a run that started from the carried settings.
    ProbeLoopInput k3 = input(3, 2);
    StampProbeWorkflow loop = start("UDD", 'D', k3);
    awaitRounds(1);
    List<String> changes = loop.reconfigure(changed(k3, "eastus2", "westus2", INTERVAL, 2, 2));
    assertEquals(List.of("consecutiveFailures 3 -> 2"), changes);
    ProbeLoopStatus end = runRounds(null, 5);
    assertEquals(1, alarms.raised.size(), alarms.raised.toString());
    // With K 3 the alarm would come after round 4.
    assertTrue(alarms.raised.get(0).triggerId().endsWith(":3"), alarms.raised.get(0).triggerId());
    assertTrue(alarms.raised.get(0).reason().startsWith("detected by probe loop: eastus2 failed 2 rounds in a row"),
        alarms.raised.get(0).reason());
    assertTrue(end.lastChange().contains("consecutiveFailures 3 -> 2") && end.lastChange().contains("kept"), end.lastChange());
    String run = env.getWorkflowClient().newUntypedWorkflowStub(ContinuityNames.probeWorkflowId("ai-platform")).describe()
        .getExecution().getRunId();
    assertNotEquals(firstRunId, run, "the loop continued as new");
  }

  @Test
  void theSameSettingsChangeNothing() {
    ProbeLoopInput k3 = input(3, 500);
    StampProbeWorkflow loop = start("", 'U', k3);
    awaitRounds(1);
    assertEquals(List.of(), loop.reconfigure(k3));
    assertNull(loop.status().lastChange());
  }

  @Test
  void anotherPrimaryRegionRestartsTheStreak() {
    // Rounds 1-2 fail in eastus2; then the loop watches westus2: its streak starts again, and the alarm comes after round 5, not 3.
    ProbeLoopInput k3 = input(3, 500);
    StampProbeWorkflow loop = start("DD", 'D', k3);
    awaitRounds(2);
    assertEquals(2, loop.status().failedInARow());
    List<String> changes = loop.reconfigure(changed(k3, "westus2", "eastus2", INTERVAL, 3, 2));
    assertEquals(List.of("primary region eastus2 -> westus2", "secondary region westus2 -> eastus2"), changes);
    ProbeLoopStatus now = loop.status();
    assertEquals(0, now.failedInARow());
    assertEquals("westus2", now.region());
    assertTrue(now.lastChange().contains("streak restarted"), now.lastChange());
    ProbeLoopStatus end = runRounds(null, 6);
    assertEquals(1, alarms.raised.size(), alarms.raised.toString());
    assertTrue(alarms.raised.get(0).triggerId().endsWith(":5"), alarms.raised.get(0).triggerId());
    assertEquals("westus2", alarms.raised.get(0).region());
    assertEquals("westus2", probes.rounds.get(2).request().param("region"));
    assertEquals("westus2", end.region());
  }

  @Test
  void invalidSettingsAreRefusedAndTheLoopGoesOnUnchanged() {
    ProbeLoopInput k3 = input(3, 500);
    StampProbeWorkflow loop = start("UDDD", 'D', k3);
    awaitRounds(1);
    assertRefused(loop, changed(k3, "eastus2", "westus2", Duration.ZERO, 3, 2), "interval must be positive");
    assertRefused(loop, changed(k3, "eastus2", "westus2", INTERVAL, 0, 2), "consecutiveFailures must be at least 1, not 0");
    assertRefused(loop, changed(k3, "eastus2", "westus2", INTERVAL, 3, 4), "quorum is 4 but probe health has only 3 vantage points");
    ProbeLoopInput otherStamp = new ProbeLoopInput("web-api", PROBE, "eastus", "westus", INTERVAL, 3, 2, Severity.Sev1, 500, null);
    assertRefused(loop, otherStamp, "settings of stamp web-api cannot reconfigure the probe loop of stamp ai-platform");
    ProbeLoopStatus end = runRounds(null, 5);
    assertNull(end.lastChange());
    assertEquals(1, alarms.raised.size(), alarms.raised.toString());
    assertTrue(alarms.raised.get(0).triggerId().endsWith(":4"), alarms.raised.get(0).triggerId());
    assertEquals("eastus2", alarms.raised.get(0).region());
  }

  private static void assertRefused(StampProbeWorkflow loop, ProbeLoopInput settings, String why) {
    WorkflowUpdateException refused = assertThrows(WorkflowUpdateException.class, () -> loop.reconfigure(settings));
    String message = refused.getCause() == null ? refused.getMessage() : refused.getCause().getMessage();
    assertTrue(message.contains(why), message);
  }
}
