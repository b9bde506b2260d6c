package dev.continuity.activities.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.model.Json;
import dev.continuity.model.actions.Facts;
import dev.continuity.model.estate.SeverityPolicy;
import dev.continuity.model.estate.Targets;
import dev.continuity.model.operation.Outcome;
import dev.continuity.model.plan.Mode;
import dev.continuity.model.plan.Plan;
import dev.continuity.model.report.ReportInput;
import dev.continuity.model.report.ReportResult;
import dev.continuity.model.timeline.EventKind;
import dev.continuity.model.timeline.StepRecord;
import dev.continuity.model.timeline.StepState;
import dev.continuity.model.timeline.Timeline;
import dev.continuity.model.timeline.TimelineEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
  private static final long T0 = 1_700_000_000_000L;

  private static Plan plan() {
    return new Plan("ai-platform", Mode.FAILOVER, "ai-platform", "eastus2", "westus2", new Targets(5, 1),
        SeverityPolicy.DEFAULT, List.of("alice@contoso.com"), List.of(), List.of(), List.of("approve", "cosmos"),
        Duration.ofSeconds(180), "runbooks/ai-platform.yaml");
  }

  private static Timeline timeline(Outcome outcome) {
    Timeline t = new Timeline();
    t.operationId = "ai-platform-failover-20261121-120000-1";
    t.stamp = "ai-platform";
    t.mode = Mode.FAILOVER;
    t.fromRegion = "eastus2";
    t.toRegion = "westus2";
    t.triggeredAtMillis = T0;
    t.startedAtMillis = T0 + 2_000;
    t.endedAtMillis = T0 + 250_000;
    t.outcome = outcome;
    StepRecord approve = new StepRecord("approve", "failover", null, null);
    approve.state = StepState.SUCCEEDED;
    approve.endedAtMillis = T0 + 62_000;
    StepRecord cosmos = new StepRecord("cosmos", "failover", "cosmos.setWriteRegion", "cosmos-ai");
    cosmos.state = outcome == Outcome.SUCCEEDED ? StepState.SUCCEEDED : StepState.FAILED;
    cosmos.attempts = 2;
    cosmos.startedAtMillis = T0 + 62_000;
    cosmos.endedAtMillis = T0 + 242_000;
    cosmos.facts.put(Facts.EXPECTED_DATA_LOSS_SECONDS, 42);
    cosmos.error = outcome == Outcome.SUCCEEDED ? null : "ServiceUnavailable | region down";
    StepRecord traffic = new StepRecord("traffic", "failover", "trafficManager.setEndpointPriority", "tm-ai");
    traffic.state = outcome == Outcome.SUCCEEDED ? StepState.SUCCEEDED : StepState.NOT_RUN;
    traffic.attempts = outcome == Outcome.SUCCEEDED ? 1 : 0;
    traffic.startedAtMillis = outcome == Outcome.SUCCEEDED ? T0 + 242_000 : 0;
    traffic.endedAtMillis = outcome == Outcome.SUCCEEDED ? T0 + 250_000 : 0;
    StepRecord verify = new StepRecord("verify", "failover", "probe.httpHealth", "health");
    verify.state = outcome == Outcome.SUCCEEDED ? StepState.SUCCEEDED : StepState.NOT_RUN;
    verify.endedAtMillis = outcome == Outcome.SUCCEEDED ? T0 + 300_000 : 0;
    t.steps.addAll(List.of(approve, cosmos, traffic, verify));
    t.events.add(new TimelineEvent(T0 + 2_000, EventKind.APPROVAL_REQUESTED, "approve", null, "Sev2 needs approval"));
    t.events.add(new TimelineEvent(T0 + 62_000, EventKind.APPROVED, "approve", "alice@contoso.com", "go"));
    return t;
  }

  @Test
  void writesMarkdownAndTimelineWithMeasuredNumbers(@TempDir Path dir) throws Exception {
    ReportResult r = ReportWriter.templateInto(dir).writeReport(new ReportInput(plan(), timeline(Outcome.SUCCEEDED)));

    Path md = Path.of(r.location());
    assertTrue(Files.exists(md));
    String text = Files.readString(md);
    for (String section : List.of("Executive Summary", "Timeline of Events", "Current Service Status",
        "Data Integrity Assessment", "Impact Analysis", "Recommended Next Steps", "Estimated Recovery Timeline")) {
      assertTrue(text.contains("## " + section), "missing section " + section);
    }
    // RTO: trigger (T0) to the end of the traffic step (T0 + 250 s), not of the final check (T0 + 300 s).
    assertTrue(text.contains("Measured RTO: 250 s"), text);
    assertTrue(text.contains("Time waiting for approvals: 60 s"), text);
    assertTrue(text.contains("Measured data-loss window: 42 s"), text);
    assertTrue(text.contains("alice@contoso.com"));
    assertEquals("template", r.writtenBy());
    assertTrue(r.summary().contains("succeeded with a measured RTO of 250 s"), r.summary());

    Timeline back = Json.MAPPER.readValue(md.resolveSibling("timeline.json").toFile(), Timeline.class);
    assertEquals("cosmos.setWriteRegion", back.step("cosmos").action);
  }

  @Test
  void failedOperationHasNoRtoAndPointsAtTheFailedStep(@TempDir Path dir) throws Exception {
    ReportResult r = ReportWriter.templateInto(dir).writeReport(new ReportInput(plan(), timeline(Outcome.FAILED)));
    String text = Files.readString(Path.of(r.location()));
    assertTrue(text.contains("not reached (traffic was not moved)"), text);
    assertTrue(text.contains("Investigate step `cosmos`"), text);
    // A pipe in an error must not break the markdown table.
    assertTrue(text.contains("ServiceUnavailable \\| region down"), text);
    assertFalse(r.summary().contains("measured RTO"));
  }

  @Test
  void rtoMissedIsFlagged() {
    Timeline t = timeline(Outcome.SUCCEEDED);
    t.step("traffic").endedAtMillis = T0 + 400_000;
    RecoveryMeasures m = RecoveryMeasures.of(plan(), t);
    assertEquals(400, m.rtoSeconds());
    assertFalse(m.rtoMet());
    assertTrue(TemplateReport.render(plan(), t, m).contains("**target missed**"));
  }
}
