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

  @Test
  void aModelWrittenReportIsStoredAsMarkdownHtmlAndFacts(@TempDir Path dir) throws Exception {
    try (OpenAiStub primary = new OpenAiStub(OpenAiStub.answer(ReportFixtures.goodAnswer()))) {
      ModelEndpoint e = new ModelEndpoint("primary", "openai", primary.baseUrl(), "gpt-4o", "key", "K", null, 5, 0, 1, 3, 60);
      ReportWriter writer = new ReportWriter(ReportAuthors.of(List.of(e), k -> "sk-x", java.time.Clock.systemUTC()),
          new LocalReportStore(dir));
      ReportResult r = writer.writeReport(new ReportInput(ReportFixtures.plan(), ReportFixtures.timeline(Outcome.SUCCEEDED)));

      assertEquals("primary (gpt-4o)", r.writtenBy());
      assertTrue(r.summary().startsWith("The failover of stamp ai-platform from eastus2 to westus2 succeeded with a measured RTO of 250 s"), r.summary());
      Path md = Path.of(r.location());
      assertEquals(dir.resolve("ai-platform-failover-20261121-120000-1").resolve("report.md").toAbsolutePath(), md);
      String text = Files.readString(md);
      assertTrue(text.contains("_Written by primary (gpt-4o) from facts measured by Continuity."), text);
      String html = Files.readString(md.resolveSibling("report.html"));
      assertTrue(html.contains("<h2>Data Integrity Assessment</h2>"), html);
      assertTrue(html.contains("<svg"), html);
      assertFalse(html.contains("<script"), "self-contained and inert");
      var facts = Json.MAPPER.readTree(md.resolveSibling("facts.json").toFile());
      assertEquals(250, facts.get("measures").get("rtoSeconds").asInt());
      assertEquals("alice@contoso.com", facts.get("approvals").get(0).get("who").asText());
      assertEquals("go, region is gone", facts.get("approvals").get(0).get("comment").asText());
      assertEquals(42, facts.get("dataSync").get(0).get("expectedDataLossSeconds").asInt());
      assertFalse(facts.toString().contains("AccountKey"), "a key-named measured fact is dropped");
    }
  }

  @Test
  void theTemplateWritesWhenTheOnlyModelIsDown(@TempDir Path dir) throws Exception {
    ModelEndpoint dead = new ModelEndpoint("primary", "openai", "http://127.0.0.1:9/v1", "gpt-4o", "key", "K", null, 2, 0, 1, 3, 60);
    ReportWriter writer = new ReportWriter(ReportAuthors.of(List.of(dead), k -> "sk-x", java.time.Clock.systemUTC()),
        new LocalReportStore(dir));
    ReportResult r = writer.writeReport(new ReportInput(ReportFixtures.plan(), ReportFixtures.timeline(Outcome.SUCCEEDED)));
    assertEquals("template", r.writtenBy());
    String text = Files.readString(Path.of(r.location()));
    assertTrue(text.contains("Authors tried: primary (gpt-4o): failed, no answer"), text);
  }
}
