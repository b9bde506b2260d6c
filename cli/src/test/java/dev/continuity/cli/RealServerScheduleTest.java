package dev.continuity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.model.operation.OperationTicket;
import dev.continuity.model.plan.Mode;
import dev.continuity.starter.DrillSchedules;
import dev.continuity.starter.OperationControl;
import dev.continuity.starter.TemporalSession;
import io.temporal.testing.TemporalDevServer;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Drill schedules on a real Temporal server (the in-process one has no Schedules): make, list,
 * trigger, the overlap policy skipping a firing while the drill runs, a drill refused because a
 * real failover runs, pause, unpause, delete, and "drills" reading it all back from visibility.
 */
class RealServerScheduleTest {
  private static TemporalDevServer server;
  private static TemporalSession session;
  private static RealTemporal temporal;

  @BeforeAll
  static void startServerAndWorker() {
    temporal = RealTemporal.start();
    server = temporal.server;
    session = temporal.session;
  }

  @AfterAll
  static void stop() {
    if (temporal != null) temporal.close();
  }


  private static CliHarness.Run continuity(String... args) {
    return temporal.continuity(args);
  }

  /** Repeats the command until its output satisfies the condition (visibility is eventually consistent). */
  private static CliHarness.Run until(Predicate<CliHarness.Run> condition, String... args) {
    long deadline = System.currentTimeMillis() + 60_000;
    CliHarness.Run run = continuity(args);
    while (!condition.test(run) && System.currentTimeMillis() < deadline) {
      CliHarness.sleep(300);
      run = continuity(args);
    }
    assertTrue(condition.test(run), "timed out: " + String.join(" ", args) + "\n" + run);
    return run;
  }

  private static String awaitingDrill(CliHarness.Run list) {
    for (String line : list.out().split("\n")) {
      if (line.startsWith("web-api-drill-")) return line.split("\\s+")[0];
    }
    return null;
  }

  @Test
  @SuppressWarnings("unchecked")
  void schedulesDrillsSkipsOverlapsRecordsRefusalsAndListsTheOutcomes() throws Exception {
    // web-api: a drill that waits at its sign-off gate, so a second firing overlaps it.
    CliHarness.Run made = continuity("schedule", "drill", "--stamp", "web-api", "--every", "12h", "--as", "alice@contoso.com");
    assertEquals(0, made.exit(), made.toString());
    assertTrue(made.out().contains("drill-web-api"), made.toString());
    CliHarness.Run again = continuity("schedule", "drill", "--stamp", "web-api", "--every", "12h");
    assertEquals(2, again.exit(), again.toString());
    assertTrue(again.err().contains("already exists"), again.toString());

    CliHarness.Run listed = until(r -> r.out().contains("drill-web-api"), "schedule", "list");
    assertTrue(listed.out().contains("every 12h"), listed.toString());
    assertTrue(listed.out().contains("active"), listed.toString());

    assertEquals(0, continuity("schedule", "trigger", "drill-web-api").exit());
    CliHarness.Run waiting = until(r -> awaitingDrill(r) != null, "list", "--awaiting-approval", "--stamp", "web-api");
    String drill = awaitingDrill(waiting);

    // The drill waits for its sign-off: a second firing is skipped by the overlap policy.
    assertEquals(0, continuity("schedule", "trigger", "drill-web-api").exit());
    DrillSchedules schedules = new DrillSchedules(session);
    long deadline = System.currentTimeMillis() + 30_000;
    while (schedules.describe("drill-web-api").skippedOverlap() < 1 && System.currentTimeMillis() < deadline) CliHarness.sleep(300);
    assertEquals(1, schedules.describe("drill-web-api").skippedOverlap());

    assertFalse(GateApprover.approveUntilEnd(new OperationControl(session.client()), "web-api", Mode.DRILL, drill).running());

    CliHarness.Run webDrills = until(r -> r.out().replace(" ", "").contains("\"succeeded\":1"), "drills", "--stamp", "web-api", "--json");
    Map<String, Object> json = webDrills.json(Map.class);
    List<Map<String, Object>> rows = (List<Map<String, Object>>) json.get("drills");
    assertEquals(1, rows.size(), webDrills.toString());
    assertEquals(drill, rows.get(0).get("id"));
    assertEquals("succeeded", rows.get(0).get("outcome"));
    assertEquals(300, ((Number) rows.get(0).get("rtoTargetSeconds")).intValue());
    assertTrue(((Number) rows.get(0).get("rtoSeconds")).longValue() >= 0, webDrills.toString());
    assertEquals(1.0, ((Number) json.get("successRate")).doubleValue(), 1e-9);

    // ai-platform: a real failover waits for approval; the scheduled drill is refused and recorded.
    CliHarness.Run failover = continuity("failover", "--stamp", "ai-platform", "--severity", "Sev2", "--json");
    assertEquals(0, failover.exit(), failover.toString());
    String failoverId = failover.json(OperationTicket.class).operationId();
    assertEquals(0, continuity("schedule", "drill", "--stamp", "ai-platform", "--cron", "0 3 * * *").exit());
    assertEquals(0, continuity("schedule", "trigger", "drill-ai-platform").exit());
    CliHarness.Run aiDrills = until(r -> r.out().contains("refused"), "drills", "--stamp", "ai-platform");
    assertTrue(aiDrills.out().contains("running failover " + failoverId), aiDrills.toString());
    assertTrue(aiDrills.out().contains("success rate: - (0 of 0 ended drills succeeded; 1 refused)"), aiDrills.toString());

    // Pause, unpause, delete.
    assertEquals(0, continuity("schedule", "pause", "drill-ai-platform", "--note", "change freeze").exit());
    until(r -> r.out().contains("paused") && r.out().contains("change freeze"), "schedule", "list");
    assertEquals(0, continuity("schedule", "unpause", "drill-ai-platform").exit());
    assertFalse(schedules.describe("drill-ai-platform").paused());
    assertEquals(0, continuity("schedule", "delete", "drill-ai-platform").exit());
    assertEquals(0, continuity("schedule", "delete", "drill-web-api").exit());
    until(r -> r.out().contains("no drill schedules"), "schedule", "list");
    CliHarness.Run gone = continuity("schedule", "trigger", "drill-web-api");
    assertEquals(2, gone.exit(), gone.toString());
    assertTrue(gone.err().contains("no schedule 'drill-web-api'"), gone.toString());
  }
}
