package dev.continuity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.model.operation.Outcome;
import dev.continuity.workflows.ContinuityNames;
import dev.continuity.workflows.ScheduledDrillInput;
import dev.continuity.workflows.ScheduledDrillResult;
import dev.continuity.workflows.ScheduledDrillWorkflow;
import dev.continuity.model.operation.StampState;
import dev.continuity.model.plan.Mode;
import dev.continuity.starter.OperationControl;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scheduled drills on the in-process server (which has no Schedules: the test starts the
 * ScheduledDrill workflow as a schedule would): the drill compiled from the shipped runbook runs
 * through the stamp, a second one inside the cooldown is refused and recorded, and "drills" lists
 * both with the RTO against the target and the success rate.
 */
class ScheduledDrillCliTest {
  private CliHarness cli;

  @BeforeEach
  void start() {
    cli = new CliHarness();
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  /** Starts the workflow as the schedule would, approves the drill's gates (a drill has no severity: its policy gate asks). */
  private ScheduledDrillResult fire(String workflowId) throws Exception {
    ScheduledDrillWorkflow w = cli.env.getWorkflowClient().newWorkflowStub(ScheduledDrillWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(ContinuityNames.TASK_QUEUE).build());
    WorkflowClient.start(w::run, new ScheduledDrillInput("ai-platform", "drill-ai-platform", "alice@contoso.com", "weekly drill"));
    WorkflowStub stub = WorkflowStub.fromTyped(w);
    OperationControl control = new OperationControl(cli.env.getWorkflowClient());
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      try {
        return stub.getResult(200, TimeUnit.MILLISECONDS, ScheduledDrillResult.class);
      } catch (TimeoutException running) {
        String op = control.stampState("ai-platform").map(StampState::currentOperation).orElse(null);
        if (op != null) GateApprover.approveUntilEnd(control, "ai-platform", Mode.DRILL, op);
      }
    }
    throw new AssertionError(workflowId + " did not end");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aScheduledDrillRunsThroughTheStampAndOneInsideTheCooldownIsRefusedAndListed() throws Exception {
    CliHarness.Run none = cli.run("drills", "--stamp", "ai-platform");
    assertEquals(0, none.exit(), none.toString());
    assertTrue(none.out().contains("no drills of ai-platform"), none.toString());

    ScheduledDrillResult first = fire("scheduled-drill-ai-platform-1");
    assertNull(first.refusal(), first.toString());
    assertEquals(Outcome.SUCCEEDED, first.outcome(), first.toString());
    assertTrue(first.operationId().startsWith("ai-platform-drill-"), first.toString());
    // The drill was compiled from the shipped runbook: its steps reached the actions.
    assertTrue(cli.actions.calls().size() > 3, cli.actions.calls().toString());

    ScheduledDrillResult second = fire("scheduled-drill-ai-platform-2");
    assertNotNull(second.refusal(), second.toString());
    assertTrue(second.refusal().contains("cooldown"), second.toString());

    CliHarness.Run listed = cli.run("drills", "--stamp", "ai-platform", "--json");
    assertEquals(0, listed.exit(), listed.toString());
    Map<String, Object> json = listed.json(Map.class);
    List<Map<String, Object>> drills = (List<Map<String, Object>>) json.get("drills");
    assertEquals(2, drills.size(), listed.toString());
    Map<String, Object> refused = drills.get(0);
    assertEquals("refused", refused.get("outcome"), listed.toString());
    assertTrue(String.valueOf(refused.get("note")).contains("cooldown"), listed.toString());
    Map<String, Object> ran = drills.get(1);
    assertEquals(first.operationId(), ran.get("id"), listed.toString());
    assertEquals("succeeded", ran.get("outcome"), listed.toString());
    assertEquals(300, ((Number) ran.get("rtoTargetSeconds")).intValue(), listed.toString());
    assertTrue(((Number) ran.get("rtoSeconds")).longValue() >= 0, listed.toString());
    assertEquals(Boolean.TRUE, ran.get("rtoMet"), listed.toString());
    assertEquals(1.0, ((Number) json.get("successRate")).doubleValue(), 1e-9, listed.toString());
    assertEquals(1, ((Number) json.get("refused")).intValue(), listed.toString());

    CliHarness.Run table = cli.run("drills", "--stamp", "ai-platform");
    assertTrue(table.out().contains("success rate: 100% (1 of 1 ended drills succeeded; 1 refused)"), table.toString());
    assertTrue(table.out().contains(" / 5m00s ok"), table.toString());
  }

  @Test
  void badIntervalsAndSchedulesAreUsageErrors() {
    CliHarness.Run both = cli.run("schedule", "drill", "--stamp", "web-api", "--cron", "0 9 * * *", "--every", "7d");
    assertEquals(2, both.exit(), both.toString());
    CliHarness.Run bad = cli.run("schedule", "drill", "--stamp", "web-api", "--every", "weekly");
    assertEquals(2, bad.exit(), bad.toString());
    assertTrue(bad.err().contains("not an interval"), bad.toString());
    CliHarness.Run unknown = cli.run("schedule", "drill", "--stamp", "nope", "--every", "7d");
    assertEquals(2, unknown.exit(), unknown.toString());
    assertTrue(unknown.err().contains("unknown stamp 'nope'"), unknown.toString());
  }
}
