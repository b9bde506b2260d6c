package dev.continuity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.continuity.emulator.ArmEmulator;
import dev.continuity.emulator.EmulatorClient;
import dev.continuity.model.config.Estate;
import dev.continuity.model.config.PlanCompiler;
import dev.continuity.model.estate.Severity;
import dev.continuity.model.estate.Stamp;
import dev.continuity.model.operation.ApprovalRequest;
import dev.continuity.model.operation.OperationRequest;
import dev.continuity.model.operation.OperationTicket;
import dev.continuity.model.operation.Outcome;
import dev.continuity.model.operation.StampSettings;
import dev.continuity.model.plan.Mode;
import dev.continuity.model.plan.Plan;
import dev.continuity.model.timeline.StepRecord;
import dev.continuity.model.timeline.StepState;
import dev.continuity.starter.OperationControl;
import dev.continuity.starter.OperationStarter;
import dev.continuity.starter.OperationStatus;
import dev.continuity.starter.SearchAttributeSetup;
import dev.continuity.starter.StartOutcome;
import dev.continuity.starter.TemporalConnection;
import dev.continuity.starter.TemporalSession;
import dev.continuity.workflows.ContinuityNames;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.ActivityTaskStartedEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.testing.TemporalDevServer;
import io.temporal.testing.TemporalDevServerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker killed in the middle of a SHORT step (an action that is not long-running, here the
 * Traffic Manager change that parks the failed region) is replaced within the RTO, with the
 * shipped runbook's own timeouts (not the crash matrix's compressed ones): the step's attempt is
 * declared lost by its heartbeat timeout, not after its ten-minute start-to-close timeout.
 *
 * <p>The emulator holds the step's ARM request before it commits anything; the worker dies while
 * the request waits; the request is then let go (the change is made, its answer lost), and the
 * replacement worker's retry finds the endpoint already where it should be.
 */
class WorkerLostMidStepTest {
  private static final Logger log = LoggerFactory.getLogger(WorkerLostMidStepTest.class);
  private static final String STAMP = "web-api";
  private static final String STEP = "tm-park-from";
  private static final String PROFILE = "tm-web-api";
  /** Azure's long operations (Front Door's minute) in a fraction of a second. */
  private static final double EMULATOR_TIME_SCALE = 0.002;
  /** Within the runbooks' five-minute RTO with room for the rest of the failover. */
  private static final long REPLACED_WITHIN_MS = 150_000;
  private static final long RUN_TIMEOUT_MS = 120_000;

  @Test
  void aWorkerKilledInTheMiddleOfATrafficManagerChangeIsReplacedWithinTheRto(@TempDir Path dir) throws Exception {
    String cli = System.getenv("TEMPORAL_CLI");
    if (cli == null && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI must run the crash tests: scripts/test.sh sets TEMPORAL_CLI");
    }
    assumeTrue(cli != null, "TEMPORAL_CLI is not set (scripts/test.sh sets it); crash tests skipped");
    Estate estate = Estate.load(EmulatedEstate.SHIPPED);
    Stamp stamp = estate.inventory().stamp(STAMP);
    Plan plan = PlanCompiler.compile(estate, STAMP, Mode.FAILOVER);
    assertTrue(plan.step(STEP) != null && plan.step(STEP).target().id().toLowerCase(Locale.ROOT).endsWith("/" + PROFILE),
        "the shipped failover parks the failed region on " + PROFILE + " in step " + STEP);

    TemporalDevServer server = TemporalDevServer.start(TemporalDevServerOptions.newBuilder()
        .setExistingPath(cli).setDownloadEnabled(false).setUiEnabled(false).setLogLevel("error").build());
    WorkerProcess worker = null;
    try (server;
        ArmEmulator emulator = ArmEmulator.start(0, null, EMULATOR_TIME_SCALE, estate.inventory());
        TemporalSession session = new TemporalConnection(server.getTarget(), server.getNamespace(), null, null, null, null,
            null, false, null).open()) {
      assertTrue(SearchAttributeSetup.ensure(session.operatorService(), server.getNamespace()).complete());
      EmulatorClient control = new EmulatorClient(emulator.baseUrl());
      OperationControl operations = new OperationControl(session.client());
      worker = startWorker(server, emulator, dir);

      // The uncrashed failover: what the crashed one must end as, change for change.
      control.outage(stamp.primaryRegion());
      OperationTicket first = request(session, stamp, plan);
      await(operations, first, plan, System.currentTimeMillis() + RUN_TIMEOUT_MS, worker);
      List<String> expectedJournal = journal(control);
      Map<String, JsonNode> expectedEstate = EmulatedEstate.estateSnapshot(control);
      assertEquals(3, count(expectedJournal, PROFILE), "the failover changes " + PROFILE + " three times: " + expectedJournal);

      // The same failover from the same start, its worker killed while the step's ARM request is in flight.
      forgetStamp(session, STAMP);
      control.reset();
      control.outage(stamp.primaryRegion());
      control.hold(PROFILE, null);
      OperationTicket crashed = request(session, stamp, plan);
      String op = crashed.operationId();
      long holdDeadline = System.currentTimeMillis() + RUN_TIMEOUT_MS;
      while (!control.holdArrived()) {
        OperationStatus s = statusOrNull(operations, op);
        if (s != null && !s.running()) fail(op + " ended before " + STEP + " reached Azure: " + s.execution() + "\nworker:\n" + worker.output());
        if (System.currentTimeMillis() > holdDeadline) fail(STEP + " never reached Azure\nworker:\n" + worker.output());
        Thread.sleep(50);
      }
      assertEquals(List.of(), journal(control).stream().filter(e -> e.contains(PROFILE.toLowerCase(Locale.ROOT))).toList(),
          "nothing on " + PROFILE + " is committed while its request is held");
      long killedAt = System.currentTimeMillis();
      worker.kill();
      log.info("worker killed in the middle of {}", STEP);
      control.release();
      worker = startWorker(server, emulator, dir);
      log.info("replacement worker polling {} ms after the kill", System.currentTimeMillis() - killedAt);

      OperationStatus end = await(operations, crashed, plan, killedAt + REPLACED_WITHIN_MS, worker);
      log.info("{} succeeded {} ms after the kill", op, System.currentTimeMillis() - killedAt);
      List<String> crashedJournal = journal(control);
      assertEquals(3, count(crashedJournal, PROFILE), "each Traffic Manager change once: " + crashedJournal);
      assertEquals(expectedJournal, crashedJournal, "every change exactly as often as in the uncrashed run");
      assertEquals(List.of(), differences(expectedEstate, EmulatedEstate.estateSnapshot(control)),
          "the estate ends as the uncrashed run left it");
      assertEquals(stamp.secondaryRegion(), end.result().activeRegion());

      // What made the replacement quick: the lost attempt timed out on its heartbeat, not its start-to-close timeout.
      ActivityTaskStartedEventAttributes lastAttempt = lastStartedAttempt(session, op, STEP);
      assertTrue(lastAttempt.getAttempt() >= 2, STEP + " was retried after the kill: attempt " + lastAttempt.getAttempt());
      assertTrue(lastAttempt.hasLastFailure() && lastAttempt.getLastFailure().hasTimeoutFailureInfo(),
          "the lost attempt of " + STEP + " ended by a timeout: " + lastAttempt.getLastFailure());
      assertEquals(TimeoutType.TIMEOUT_TYPE_HEARTBEAT, lastAttempt.getLastFailure().getTimeoutFailureInfo().getTimeoutType(),
          "the lost attempt of " + STEP + " ended by its heartbeat timeout");
    } finally {
      if (worker != null) worker.close();
    }
  }

  private static WorkerProcess startWorker(TemporalDevServer server, ArmEmulator emulator, Path dir) {
    return WorkerProcess.start(server.getTarget(), server.getNamespace(), emulator.baseUrl(), dir, Map.of());
  }

  /** A Sev0 unplanned failover of the shipped plan as compiled: no gate waits, every timeout the runbook's own. */
  private static OperationTicket request(TemporalSession session, Stamp s, Plan plan) {
    long now = System.currentTimeMillis();
    OperationRequest request = new OperationRequest(plan, Severity.Sev0, false, "worker lost mid-step test", "crash-test",
        "worker-lost-" + now, now);
    StartOutcome outcome = new OperationStarter(session.client())
        .request(new StampSettings(s.name(), s.primaryRegion(), s.secondaryRegion(), Duration.ZERO, null), request);
    if (outcome instanceof StartOutcome.Refused r) fail("refused: " + r.reason());
    return ((StartOutcome.Accepted) outcome).ticket();
  }

  /** Follows the operation until it ends SUCCEEDED, approving any gate; fails at {@code deadline}. */
  private static OperationStatus await(OperationControl operations, OperationTicket ticket, Plan plan, long deadline,
      WorkerProcess worker) throws InterruptedException {
    String op = ticket.operationId();
    OperationStatus last = null;
    while (System.currentTimeMillis() < deadline) {
      OperationStatus s = statusOrNull(operations, op);
      if (s == null) {
        Thread.sleep(200);
        continue;
      }
      last = s;
      if (!s.running()) {
        assertTrue(s.result() != null && s.result().outcome() == Outcome.SUCCEEDED,
            op + " ended " + s.execution() + " " + (s.result() == null ? s.failure() : s.result().summary()) + "\nworker:\n" + worker.output());
        return s;
      }
      for (StepRecord step : s.timeline() == null ? List.<StepRecord>of() : s.timeline().steps) {
        if (step.state == StepState.AWAITING_APPROVAL) {
          operations.approve(op, new ApprovalRequest(step.id, true, plan.step(step.id).approval().allowed().get(0), "crash test"));
        }
        if (step.state == StepState.AWAITING_DECISION) fail("step " + step.id + " of " + op + " failed: " + step.error + "\nworker:\n" + worker.output());
      }
      Thread.sleep(250);
    }
    String steps = last == null || last.timeline() == null ? "(no status)" : last.timeline().steps.stream()
        .map(r -> r.id + "=" + r.state).collect(Collectors.joining(", "));
    fail(op + " did not end SUCCEEDED within its deadline (" + REPLACED_WITHIN_MS / 1000 + " s after the kill for the crashed run):"
        + " steps " + steps + "\nworker:\n" + worker.output());
    return null;
  }

  /** Null while the status query has no worker to answer it (right after the kill). */
  private static OperationStatus statusOrNull(OperationControl operations, String op) {
    try {
      return operations.status(op);
    } catch (RuntimeException noWorkerYet) {
      return null;
    }
  }

  /**
   * The start of the step's last attempt. Temporal records only the last attempt of a retried
   * activity; its started event carries the attempt number and how the attempt before it ended.
   */
  private static ActivityTaskStartedEventAttributes lastStartedAttempt(TemporalSession session, String op, String stepId) {
    List<HistoryEvent> events = session.client().fetchHistory(op).getEvents();
    Long scheduled = null;
    for (HistoryEvent e : events) {
      if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED && e.getActivityTaskScheduledEventAttributes()
          .getInput().getPayloadsList().stream().anyMatch(p -> p.getData().toStringUtf8().contains("\"" + stepId + "\""))) {
        scheduled = e.getEventId();
        break;
      }
    }
    assertTrue(scheduled != null, "the history of " + op + " schedules " + stepId);
    for (HistoryEvent e : events) {
      if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED
          && e.getActivityTaskStartedEventAttributes().getScheduledEventId() == scheduled) {
        return e.getActivityTaskStartedEventAttributes();
      }
    }
    throw new AssertionError("the history of " + op + " has no start of " + stepId);
  }

  /** Ends the stamp entity the uncrashed run left, so the next failover starts from the stamp's inventory state. */
  private static void forgetStamp(TemporalSession session, String stamp) {
    var stub = session.client().newUntypedWorkflowStub(ContinuityNames.stampWorkflowId(stamp));
    if (stub.describe().getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      stub.terminate("worker lost mid-step test: next run");
    }
  }

  /** The journal as a sorted multiset of changes (operation, resource, state after), times left out. */
  private static List<String> journal(EmulatorClient control) {
    List<String> changes = new ArrayList<>();
    for (JsonNode e : control.journal().path("entries")) {
      changes.add(e.path("operation").asText() + " " + e.path("resourceId").asText().toLowerCase(Locale.ROOT) + " -> "
          + EmulatedEstate.canonical(e.path("after").asText()));
    }
    changes.sort(null);
    return changes;
  }

  private static long count(List<String> journal, String resource) {
    return journal.stream().filter(e -> e.contains("/" + resource)).count();
  }

  private static List<String> differences(Map<String, JsonNode> expected, Map<String, JsonNode> actual) {
    return EmulatedEstate.differences(expected, actual, "uncrashed", "crashed  ");
  }
}
