package dev.continuity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.activities.ActivitiesConfig;
import dev.continuity.emulator.ArmEmulator;
import dev.continuity.emulator.EmulatorClient;
import dev.continuity.model.config.Estate;
import dev.continuity.model.operation.StampState;
import dev.continuity.starter.DetectedOutageStarter;
import dev.continuity.starter.LiveEstate;
import dev.continuity.starter.OperationControl;
import dev.continuity.starter.OperationStatus;
import dev.continuity.starter.ProbeLoops;
import dev.continuity.starter.SearchAttributeSetup;
import dev.continuity.worker.ContinuityWorker;
import dev.continuity.worker.ProductionActivities;
import dev.continuity.workflows.ContinuityNames;
import dev.continuity.workflows.ProbeLoopInput;
import dev.continuity.workflows.ProbeLoopStatus;
import dev.continuity.workflows.StampProbeWorkflowImpl;
import dev.continuity.workflows.Workflows;
import io.temporal.testing.TestWorkflowEnvironment;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe loop of the shipped ai-platform stamp (3 vantage points, quorum 2, K = 3, Sev1) against
 * the ARM emulator's probe relay, with the production probe activity and the real stamp entity. The
 * test server skips time, and time only moves when the test lets it: each round sees exactly the
 * emulator state the test set before it, so flapping is stepped, not raced.
 */
class DetectionOnEmulatorTest {
  private static final String STAMP = "ai-platform";

  private ArmEmulator emulator;
  private EmulatorClient control;
  private TestWorkflowEnvironment temporal;
  private ProbeLoops loops;
  private OperationControl operations;
  private ProbeLoopInput input;

  @BeforeEach
  void start(@TempDir Path reports) throws Exception {
    Estate estate = Estate.load(EmulatedEstate.SHIPPED);
    emulator = ArmEmulator.start(0, null, 0, estate.inventory());
    control = new EmulatorClient(emulator.baseUrl());
    temporal = TestWorkflowEnvironment.newInstance();
    SearchAttributeSetup.ATTRIBUTES.forEach(temporal::registerSearchAttribute);
    List<Object> activities = new ArrayList<>(ProductionActivities.create(ActivitiesConfig.emulator(URI.create(emulator.baseUrl()), 0), reports));
    activities.add(new DetectedOutageStarter(temporal.getWorkflowClient(), LiveEstate.fixed(estate)));
    ContinuityWorker.register(temporal.newWorker(ContinuityNames.TASK_QUEUE), Workflows.IMPLEMENTATIONS, activities);
    temporal.start();
    loops = new ProbeLoops(temporal.getWorkflowClient());
    operations = new OperationControl(temporal.getWorkflowClient());
    ProbeLoopInput shipped = ProbeLoops.inputFor(estate, STAMP);
    assertEquals(Duration.ofSeconds(5), shipped.interval(), "the shipped detection block");
    // The test server skips the interval anyway; a long one keeps the real time a loaded machine
    // takes between two steps of the test far below it, so no round runs before the test set its state.
    input = new ProbeLoopInput(shipped.stamp(), shipped.probe(), shipped.primaryRegion(), shipped.secondaryRegion(),
        Duration.ofMinutes(1), shipped.consecutiveFailures(), shipped.quorum(), shipped.severity(), shipped.roundsPerRun(), null);
    assertEquals(3, input.consecutiveFailures(), "the shipped detection block");
    assertEquals(2, input.quorum(), "the shipped detection block");
  }

  @AfterEach
  void stop() {
    if (temporal != null) temporal.close();
    if (emulator != null) emulator.stop();
  }

  /** Waits (real time) until the loop has finished {@code n} rounds. */
  private ProbeLoopStatus awaitRound(long n) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      Optional<ProbeLoops.Loop> loop = loops.loop(STAMP);
      ProbeLoopStatus s = loop.map(ProbeLoops.Loop::status).orElse(null);
      // A round is finished once its alarm (if any) has been answered.
      if (s != null && s.rounds() >= n && (s.failedInARow() < input.consecutiveFailures() || s.raised())) return s;
      Thread.sleep(20);
    }
    throw new AssertionError("the probe loop did not finish round " + n + " within 30 s: " + loops.loop(STAMP));
  }

  /** Runs rounds 1..{@code outages.length}; before round i the primary region is down when outages[i-1]. */
  private ProbeLoopStatus rounds(boolean... outages) throws InterruptedException {
    ProbeLoopStatus s = null;
    for (int i = 0; i < outages.length; i++) {
      if (outages[i]) control.outage("eastus2");
      else control.restore("eastus2");
      if (i == 0) assertTrue(loops.start(input));
      else temporal.sleep(input.interval());
      s = awaitRound(i + 1);
      assertEquals(i + 1, s.rounds(), "one round per interval");
    }
    return s;
  }

  @Test
  void aRegionDownStartsTheStampsFailoverOnceAndTheLoopKeepsWatching() throws Exception {
    ProbeLoopStatus s = rounds(true, true, true);
    assertEquals(1, s.alarms(), s.toString());
    assertTrue(s.lastAlarm().startsWith("started ai-platform-failover-"), s.lastAlarm());
    StampState stamp = operations.stampState(STAMP).orElseThrow();
    assertNotNull(stamp.currentOperation(), "a failover runs");
    assertEquals("failover", stamp.currentMode());
    OperationStatus op = operations.status(stamp.currentOperation());
    assertEquals(StampProbeWorkflowImpl.REQUESTED_BY, op.timeline().requestedBy);
    assertTrue(op.timeline().reason.startsWith("detected by probe loop: eastus2 failed 3 rounds in a row (every 60 s)"), op.timeline().reason);
    assertEquals("Sev1", op.timeline().severity);

    // Two more rounds of the same outage: the loop keeps watching and asks nothing more.
    temporal.sleep(input.interval());
    awaitRound(4);
    temporal.sleep(input.interval());
    s = awaitRound(5);
    assertEquals(1, s.alarms(), s.toString());
    assertEquals(5, s.failedInARow());
    assertEquals(1, operations.stampState(STAMP).orElseThrow().sequence(), "one operation for one outage");
    assertTrue(loops.stop(STAMP, "test"));
  }

  @Test
  void oneVantagePointThatSeesTheRegionDownStartsNothing() throws Exception {
    control.partition("westus3", "eastus2", "down");
    ProbeLoopStatus s = rounds(false, false, false, false, false, false);
    assertEquals(0, s.alarms(), s.toString());
    assertEquals(0, s.failedInARow(), s.toString());
    assertTrue(s.lastRound().contains("1 of 3 vantage points"), s.lastRound());
    assertTrue(operations.stampState(STAMP).isEmpty(), "the stamp was never asked");
  }

  @Test
  void anOutageThatFlapsBelowKStartsNothing() throws Exception {
    ProbeLoopStatus s = rounds(true, true, false, true, true, false, true, true, false);
    assertEquals(0, s.alarms(), s.toString());
    assertTrue(operations.stampState(STAMP).isEmpty(), "the stamp was never asked");
  }
}
